// The SPA build: what the CDK stack deploys and the sandbox serves.
import { mkdtemp, readdir, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { USERNAME_MESSAGE } from "../../../../usermanagement/shared/runtime/username";
import { type BuiltFile, buildSpa } from "../../../../usermanagement/users-ui/spa/build";

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

  it("bundles and minifies: no module imports left, the whole app under 40 KB over the wire", async () => {
    const script = await readFile(join(outDir, files[1].path), "utf8");
    expect(script).not.toMatch(/\bimport\s*[{*"]/);
    expect(script.split("\n").length).toBeLessThan(5);
    // The OpenID client (oidc-client-ts) is most of the script: ~70 KB of its ~90 KB raw.
    const raw = files.reduce((sum, f) => sum + f.bytes, 0);
    const contents = await Promise.all(files.map((f) => readFile(join(outDir, f.path))));
    const gzipped = contents.reduce((sum, bytes) => sum + gzipSync(bytes).byteLength, 0);
    expect(raw).toBeLessThan(120 * 1024);
    expect(gzipped).toBeLessThan(40 * 1024);
  });

  it("states the username rule in the Users API's own words, escaped for HTML", async () => {
    const html = await readFile(join(outDir, "index.html"), "utf8");
    const rule = `M${USERNAME_MESSAGE.slice(1)}.`.replace(/'/g, "&#39;");
    expect(html).toContain(`<p id="create-username-hint" class="hint">${rule}</p>`);
    expect(html).not.toMatch(/\{\{\w+\}\}/);
  });

  it("bundles nothing of the APIs' implementations: no zod, no AWS SDK, no Powertools", async () => {
    const script = await readFile(join(outDir, files[1].path), "utf8");
    expect(script).not.toMatch(/zod|@aws-sdk|powertools|DynamoDB/i);
  });
});
