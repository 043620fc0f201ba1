// Builds the Users UI single-page app into a directory ready to upload as is: `index.html` plus content-hashed,
// minified assets under `assets/`. The CDK stack calls it at synth time and deploys the directory; the local
// sandbox calls it at start-up. Synchronous, so the stack's asset bundling runs it in the CDK app's own process
// rather than in a child one. Run it directly to build and print sizes: `npx tsx usermanagement/users-ui/spa/build.ts [outDir]`.
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { buildSync } from "esbuild";
import { USERNAME_MESSAGE } from "../../shared/runtime/username";

const RUNTIME_DIR = fileURLToPath(new URL("./runtime/", import.meta.url));

/** Where hashed, never-changing files go: the distribution caches this prefix for a year. */
export const ASSETS_DIR = "assets";

/**
 * Texts index.html takes from the rules they describe, written in as `{{name}}` so the page states each rule
 * in the words the API uses and never a copy of its own.
 */
const PAGE_TEXTS: Readonly<Record<string, string>> = {
  usernameRule: `${USERNAME_MESSAGE.charAt(0).toUpperCase()}${USERNAME_MESSAGE.slice(1)}.`,
};

/** The sources index.html names; the build replaces each reference with the hashed file built from it. */
const ENTRY_POINTS = { script: "main.ts", stylesheet: "styles.css" } as const;

export interface BuiltFile {
  /** Relative to the output directory, with `/` separators (the S3 key). */
  readonly path: string;
  readonly bytes: number;
}

export function buildSpa(outDir: string): { files: BuiltFile[] } {
  const out = resolve(outDir);
  rmSync(join(out, ASSETS_DIR), { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const result = buildSync({
    entryPoints: Object.values(ENTRY_POINTS).map((file) => join(RUNTIME_DIR, file)),
    outdir: join(out, ASSETS_DIR),
    entryNames: "[name]-[hash]",
    bundle: true,
    minify: true,
    format: "esm",
    // Browsers with native <dialog>, crypto.randomUUID and CSS clip-path, i.e. those of the last few years.
    target: ["chrome100", "firefox100", "safari15.4", "edge100"],
    metafile: true,
    logLevel: "silent",
  });
  // Each source index.html names, mapped to the site path of the hashed file esbuild made from it.
  const builtPaths = new Map<string, string>();
  for (const [output, meta] of Object.entries(result.metafile.outputs)) {
    if (meta.entryPoint)
      builtPaths.set(resolve(meta.entryPoint), relative(out, resolve(output)).split("\\").join("/"));
  }
  const builtFrom = (source: string) => {
    const path = builtPaths.get(join(RUNTIME_DIR, source));
    if (!path) throw new Error(`esbuild produced nothing for ${source}`);
    return path;
  };
  const template = readFileSync(join(RUNTIME_DIR, "index.html"), "utf8");
  const withAssets = Object.values(ENTRY_POINTS).reduce(
    // Absolute paths: the SPA fallback serves index.html at any route, e.g. /users/alice.
    (page, source) => replaceOnce(page, `"./${source}"`, `"/${builtFrom(source)}"`),
    template,
  );
  const html = Object.entries(PAGE_TEXTS).reduce(
    (page, [name, text]) => replaceOnce(page, `{{${name}}}`, escapeHtml(text)),
    withAssets,
  );
  writeFileSync(join(out, "index.html"), html);
  const paths = ["index.html", ...Object.values(ENTRY_POINTS).map(builtFrom)];
  return { files: paths.map((path) => ({ path, bytes: statSync(join(out, path)).size })) };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

function replaceOnce(text: string, search: string, replacement: string): string {
  const at = text.indexOf(search);
  if (at === -1 || text.indexOf(search, at + 1) !== -1) {
    throw new Error(`index.html must reference ${search} exactly once`);
  }
  return text.slice(0, at) + replacement + text.slice(at + search.length);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const outDir = process.argv[2] ?? "cdk.out/users-ui-spa";
  const { files } = buildSpa(outDir);
  for (const { path, bytes } of files) {
    const gzipped = gzipSync(readFileSync(join(outDir, path))).byteLength;
    console.log(`${path.padEnd(40)} ${String(bytes).padStart(7)} B  ${String(gzipped).padStart(6)} B gzip`);
  }
}
