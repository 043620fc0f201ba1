// The SPA build: what the CDK stack deploys and the sandbox serves.
import { mkdtemp, readdir, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BuiltFile, buildSpa } from "../../usermanagement/users-ui/spa/build";

let outDir: string;
let files: BuiltFile[];

beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), "spa-build-test-"));
  ({ files } = buildSpa(outDir));
});

afterAll(async () => {
  await rm(outDir, { recursive: true, force: true });
});

describe("buildSpa", () => {
  it("writes index.html and one content-hashed script and stylesheet under assets/", async () => {
    expect(files.map((f) => f.path)).toEqual([
      "index.html",
      expect.stringMatching(/^assets\/main-[A-Z0-9]{8}\.js$/),
      expect.stringMatching(/^assets\/styles-[A-Z0-9]{8}\.css$/),
    ]);
    expect((await readdir(join(outDir, "assets"))).sort()).toEqual(
      files
        .slice(1)
        .map((f) => f.path.replace("assets/", ""))
        .sort(),
    );
    for (const file of files) expect(file.bytes).toBe((await stat(join(outDir, file.path))).size);
  });

  it("points index.html at the hashed files by absolute path, so any SPA route loads them", async () => {
    const html = await readFile(join(outDir, "index.html"), "utf8");
    expect(html).toContain(`<script type="module" src="/${files[1].path}"></script>`);
    expect(html).toContain(`<link rel="stylesheet" href="/${files[2].path}" />`);
    expect(html).not.toMatch(/main\.ts|styles\.css/);
  });

  it("keeps index.html free of inline scripts, styles and event handlers, which the CSP would block", async () => {
    const html = await readFile(join(outDir, "index.html"), "utf8");
    expect(html.match(/<script\b[^>]*>/g)).toEqual([expect.stringContaining(" src=")]);
    expect(html).not.toMatch(/<style\b|\sstyle=|\son[a-z]+=|javascript:/i);
  });

  it("is deterministic: a second build gives the same hashed names, as synthesis requires", async () => {
    const again = await mkdtemp(join(tmpdir(), "spa-build-test-"));
    try {
      expect(buildSpa(again).files).toEqual(files);
    } finally {
      await rm(again, { recursive: true, force: true });
    }
  });

  it("bundles and minifies: no module imports left and the whole app under 40 KB", async () => {
    const script = await readFile(join(outDir, files[1].path), "utf8");
    expect(script).not.toMatch(/\bimport\s*[{*"]/);
    expect(script.split("\n").length).toBeLessThan(5);
    expect(files.reduce((sum, f) => sum + f.bytes, 0)).toBeLessThan(40 * 1024);
  });
});
