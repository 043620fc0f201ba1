// The runtime's bootstrap (runtime/bootstrap.ts) as one plain JavaScript file: an execution environment runs no
// TypeScript loader, as none runs in Lambda. Bundled with esbuild at each start (milliseconds), written once per
// content into node_modules/.cache.
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { build } from "esbuild";
import { cachedBuild } from "../build-cache";

const BOOTSTRAP_FILE = "bootstrap.mjs";

/** The path of the bundled bootstrap. */
export async function bundledBootstrap(): Promise<string> {
  const result = await build({
    entryPoints: [join(import.meta.dirname, "runtime", "bootstrap.ts")],
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    write: false,
    logLevel: "warning",
  });
  const code = result.outputFiles[0].contents;
  const dir = await cachedBuild("lambda-runtime", [Buffer.from(code)], (outDir) =>
    writeFile(join(outDir, BOOTSTRAP_FILE), code),
  );
  return join(dir, BOOTSTRAP_FILE);
}
