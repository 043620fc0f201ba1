// How the workload's functions are bundled, defined once: CDK stages the bundles with it and the bench measures it.
import * as path from "node:path";
import { AssetHashType, DockerImage, type ILocalBundling } from "aws-cdk-lib";
import * as lambda from "aws-cdk-lib/aws-lambda";
import { type BuildOptions, type BuildResult, buildSync } from "esbuild";

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
  // Nothing is external, the AWS SDK included: a pinned, tree-shaken client starts faster than the runtime's copy.
  logLevel: "warning",
} as const satisfies BuildOptions;

/** The repository: what CDK would mount into a bundling image. */
const PROJECT_ROOT = path.join(import.meta.dirname, "..", "..", "..");

/** The file Lambda loads: `index.mjs`, so that its handler is `index.handler`. */
export const LAMBDA_BUNDLE_FILE = "index.mjs";

/**
 * Bundles `entry` into `outDir/index.mjs` (and its source map) in this process, with esbuild's JS API.
 * @param extra options for the bench (a metafile, packages left to the runtime); the deployed bundles use none
 */
export function bundleLambda(entry: string, outDir: string, extra: BuildOptions = {}): BuildResult {
  return buildSync({
    ...LAMBDA_ESBUILD_OPTIONS,
    mainFields: [...LAMBDA_ESBUILD_OPTIONS.mainFields],
    entryPoints: [entry],
    outfile: path.join(outDir, LAMBDA_BUNDLE_FILE),
    ...extra,
  });
}

/**
 * The bundling CDK runs when it stages the asset. A class, not a closure: CDK keys its cache of staged assets
 * on the bundling options' JSON, so the entry must be part of it, or two functions would share one bundle.
 */
class EsbuildInProcess implements ILocalBundling {
  constructor(readonly entry: string) {}

  tryBundle(outputDir: string): boolean {
    bundleLambda(this.entry, outputDir);
    return true;
  }
}

/**
 * A function's code: the TypeScript module `entry` (exporting `handler`) bundled in the CDK process, where
 * NodejsFunction would start `npx esbuild` once per function. The asset hash is the bundle's own (as with
 * NodejsFunction), so a change that doesn't change the bundle deploys nothing.
 */
export function lambdaCode(entry: string): lambda.Code {
  return lambda.Code.fromAsset(PROJECT_ROOT, {
    assetHashType: AssetHashType.OUTPUT,
    bundling: {
      local: new EsbuildInProcess(entry),
      // The type requires an image for when local bundling declines; this one never does (esbuild, a
      // devDependency, runs wherever the CDK app does) and fails the synth with esbuild's message instead.
      image: DockerImage.fromRegistry("public.ecr.aws/docker/library/node:24-bookworm"),
    },
  });
}
