// Minified size of each Lambda bundle and of the SPA, against the budgets.
import { mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { buildSpa } from "../usermanagement/users-ui/spa/build";
import { buildLambdaBundle, type LambdaBundle } from "./lambda-bundle";

/** The handlers measured, their entries, and their size budgets (KB = 1000 bytes, as esbuild prints them). */
export const LAMBDAS = {
  usersApi: {
    label: "Users API",
    entry: new URL("../usermanagement/users-api/api/runtime/handler.ts", import.meta.url).pathname,
    budgetBytes: 150_000,
  },
  chatbotApi: {
    label: "Chatbot API",
    entry: new URL("../usermanagement/chatbot-api/nlp/runtime/handler.ts", import.meta.url).pathname,
    budgetBytes: 100_000,
  },
} as const;
export type LambdaName = keyof typeof LAMBDAS;

/**
 * What NodejsFunction leaves out with `bundleAwsSDK: false` under the `sdkV3ExcludeSmithyPackages` flag that
 * cdk.json sets: the Lambda Node.js runtime ships both.
 */
export const RUNTIME_PROVIDED_PACKAGES = ["@aws-sdk/*", "@smithy/*"];

export const EMPTY_HANDLER_ENTRY = new URL("./fixtures/empty-handler.ts", import.meta.url).pathname;

export interface SpaSize {
  readonly files: { readonly path: string; readonly bytes: number; readonly gzipBytes: number }[];
  readonly bytes: number;
  readonly gzipBytes: number;
}

export interface BundlesResult {
  readonly lambdas: Record<LambdaName, LambdaBundle>;
  /** The Users API with the runtime's AWS SDK instead of a bundled one: what would close its size gap. */
  readonly usersApiRuntimeSdk: LambdaBundle;
  readonly emptyHandler: LambdaBundle;
  readonly spa: SpaSize;
}

/**
 * `workDir` must lie inside the project, so that a bundle without the SDK finds it in node_modules when run, as
 * it would find the runtime's copy in Lambda.
 */
export async function measureBundles(workDir: string): Promise<BundlesResult> {
  const bundleInto = async (name: string, entry: string, external?: string[]) => {
    const dir = join(workDir, name);
    await mkdir(dir, { recursive: true });
    return buildLambdaBundle(entry, dir, { external });
  };
  return {
    lambdas: {
      usersApi: await bundleInto("users-api", LAMBDAS.usersApi.entry),
      chatbotApi: await bundleInto("chatbot-api", LAMBDAS.chatbotApi.entry),
    },
    usersApiRuntimeSdk: await bundleInto(
      "users-api-runtime-sdk",
      LAMBDAS.usersApi.entry,
      RUNTIME_PROVIDED_PACKAGES,
    ),
    emptyHandler: await bundleInto("empty-handler", EMPTY_HANDLER_ENTRY),
    spa: await measureSpa(join(workDir, "spa")),
  };
}

async function measureSpa(outDir: string): Promise<SpaSize> {
  const built = buildSpa(outDir);
  const files = await Promise.all(
    built.files.map(async ({ path, bytes }) => ({
      path,
      bytes,
      gzipBytes: gzipSync(await readFile(join(outDir, path))).byteLength,
    })),
  );
  return {
    files,
    bytes: files.reduce((sum, file) => sum + file.bytes, 0),
    gzipBytes: files.reduce((sum, file) => sum + file.gzipBytes, 0),
  };
}
