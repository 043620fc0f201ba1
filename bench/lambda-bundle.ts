// Builds a Lambda entry the way lambda-http-api.ts has CDK's NodejsFunction build it (local esbuild, ESM,
// minified, target node24, AWS SDK bundled, module-first main fields, the createRequire banner, source map),
// with a metafile so that the bundle's size can be broken down by package.
import { join } from "node:path";
import { build } from "esbuild";

export interface LambdaBundle {
  readonly path: string;
  readonly bytes: number;
  /** Bytes of the minified bundle contributed by each npm package, `(project code)` for our own sources. */
  readonly bytesByPackage: Record<string, number>;
}

/** The banner NodejsFunction adds for ESM output: CommonJS dependencies inside an ESM bundle still call `require`. */
const CREATE_REQUIRE_BANNER =
  "import{createRequire}from'module';const require=createRequire(import.meta.url);";

export interface BundleOptions {
  /**
   * Packages left out of the bundle, for the runtime to provide.
   * @default none - the AWS SDK is bundled, as lambda-http-api.ts asks
   */
  readonly external?: string[];
}

export async function buildLambdaBundle(
  entry: string,
  outDir: string,
  options: BundleOptions = {},
): Promise<LambdaBundle> {
  const outfile = join(outDir, "index.mjs");
  const result = await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node24",
    minify: true,
    sourcemap: true,
    mainFields: ["module", "main"],
    banner: { js: CREATE_REQUIRE_BANNER },
    external: options.external,
    metafile: true,
    logLevel: "silent",
  });
  const output = Object.entries(result.metafile.outputs).find(([path]) => path.endsWith("index.mjs"));
  if (!output) throw new Error(`esbuild wrote no index.mjs for ${entry}`);
  const bytesByPackage: Record<string, number> = {};
  for (const [input, { bytesInOutput }] of Object.entries(output[1].inputs)) {
    const name = packageOf(input);
    bytesByPackage[name] = (bytesByPackage[name] ?? 0) + bytesInOutput;
  }
  return { path: outfile, bytes: output[1].bytes, bytesByPackage };
}

/** `node_modules/@aws-sdk/client-dynamodb/dist-es/x.js` → `@aws-sdk/client-dynamodb`. */
export function packageOf(inputPath: string): string {
  const at = inputPath.lastIndexOf("node_modules/");
  if (at === -1) return "(project code)";
  const [first, second] = inputPath.slice(at + "node_modules/".length).split("/");
  return first.startsWith("@") ? `${first}/${second}` : first;
}
