// The bundles as CDK stages them (lambda-bundling.ts), their sizes, and the SPA's.
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { bundleLambda, LAMBDA_BUNDLE_FILE } from "../usermanagement/shared/infrastructure/lambda-bundling";
import { buildSpa } from "../usermanagement/users-ui/spa/build";

const entry = (path: string) => new URL(path, import.meta.url).pathname;

/** The bundles measured, with the size budget of the deployed ones (KB = 1000 bytes, as esbuild prints them). */
export const LAMBDAS = {
  usersApi: {
    label: "Users API",
    entry: entry("../usermanagement/users-api/api/runtime/handler.ts"),
    budget: 150_000,
  },
  chatbotApi: {
    label: "Chatbot API",
    entry: entry("../usermanagement/chatbot-api/nlp/runtime/handler.ts"),
    budget: 120_000,
  },
  /** The design not taken: the Lambda runtime's own SDK (what `bundleAwsSDK: false` would deploy). */
  usersApiRuntimeSdk: {
    label: "Users API with the runtime's SDK",
    entry: entry("../usermanagement/users-api/api/runtime/handler.ts"),
    budget: undefined,
  },
  emptyHandler: { label: "Empty handler", entry: entry("./fixtures/empty-handler.ts"), budget: undefined },
  getItemHandler: { label: "One GetItem", entry: entry("./fixtures/get-item-handler.ts"), budget: undefined },
} as const;
export type LambdaName = keyof typeof LAMBDAS;

export interface Bundle {
  readonly path: string;
  readonly bytes: number;
  /** Of which the AWS SDK v3 (`@aws-sdk/*`, `@smithy/*`), which the Lambda runtime also ships. */
  readonly sdkBytes: number;
}

export interface BundlesResult {
  readonly lambdas: Record<LambdaName, Bundle>;
  readonly spa: { readonly bytes: number; readonly gzipBytes: number };
}

/** `workDir` lies inside the project, so that a bundle run from it resolves nothing it shouldn't from elsewhere. */
export function measureBundles(workDir: string): BundlesResult {
  const lambdas = {} as Record<LambdaName, Bundle>;
  for (const name of Object.keys(LAMBDAS) as LambdaName[]) {
    const outDir = join(workDir, name);
    mkdirSync(outDir, { recursive: true });
    // Left external, the SDK resolves from the project's node_modules when the bundle runs, as from the runtime's.
    const external = name === "usersApiRuntimeSdk" ? ["@aws-sdk/*", "@smithy/*"] : [];
    const { metafile } = bundleLambda(LAMBDAS[name].entry, outDir, {
      metafile: true,
      logLevel: "silent",
      external,
    });
    const [, output] =
      Object.entries(metafile?.outputs ?? {}).find(([path]) => path.endsWith(LAMBDA_BUNDLE_FILE)) ?? [];
    if (!output) throw new Error(`esbuild wrote no ${LAMBDA_BUNDLE_FILE} for ${name}`);
    const sdkBytes = Object.entries(output.inputs)
      .filter(([input]) => /node_modules\/@(aws-sdk|smithy)\//.test(input))
      .reduce((sum, [, { bytesInOutput }]) => sum + bytesInOutput, 0);
    lambdas[name] = { path: join(outDir, LAMBDA_BUNDLE_FILE), bytes: output.bytes, sdkBytes };
  }
  const spaDir = join(workDir, "spa");
  const files = buildSpa(spaDir).files;
  return {
    lambdas,
    spa: {
      bytes: files.reduce((sum, file) => sum + file.bytes, 0),
      gzipBytes: files.reduce(
        (sum, file) => sum + gzipSync(readFileSync(join(spaDir, file.path))).byteLength,
        0,
      ),
    },
  };
}
