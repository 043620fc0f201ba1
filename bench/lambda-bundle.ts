// Builds a Lambda entry with the options CDK's NodejsFunction bundles it with (lambda-bundling.ts), plus a
// metafile so that the bundle's size can be broken down by package.
import { join } from "node:path";
import { build } from "esbuild";
import { LAMBDA_ESBUILD_OPTIONS } from "../usermanagement/shared/infrastructure/lambda-bundling";

export interface LambdaBundle {
  readonly path: string;
  readonly bytes: number;
  /** Bytes of the minified bundle contributed by each npm package, `(project code)` for our own sources. */
  readonly bytesByPackage: Record<string, number>;
}

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
    ...LAMBDA_ESBUILD_OPTIONS,
    mainFields: [...LAMBDA_ESBUILD_OPTIONS.mainFields],
    entryPoints: [entry],
    outfile,
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
