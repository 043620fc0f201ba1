// How the APIs' functions are bundled, defined once: the CDK construct bundles with it and the benchmark measures it.
import * as path from "node:path";
import type { BuildOptions } from "esbuild";

/** CommonJS dependencies inside an ESM bundle still call `require`. */
export const CREATE_REQUIRE_BANNER =
  "import{createRequire}from'module';const require=createRequire(import.meta.url);";

/** Modules a Lambda bundle takes from elsewhere than the sandbox and the tests do. */
export const LAMBDA_ALIASES: Readonly<Record<string, string>> = {
  "@aws-sdk/credential-provider-node": path.join(
    import.meta.dirname,
    "..",
    "runtime",
    "lambda-credentials.ts",
  ),
};

export const LAMBDA_ESBUILD_OPTIONS = {
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node24",
  minify: true,
  // Stack traces map to the sources, but the map leaves their text out: Node reads the whole map at start-up.
  sourcemap: true,
  sourcesContent: false,
  mainFields: ["module", "main"],
  banner: { js: CREATE_REQUIRE_BANNER },
  alias: LAMBDA_ALIASES,
} as const satisfies BuildOptions;
