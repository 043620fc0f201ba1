// Runs each function's staged bundle in a worker thread of its own, with its own environment, until the Lambda
// service of sandbox/lambda/ (execution environments, one invocation at a time, timeouts, concurrency, each
// role's credentials) takes its place behind the same interface.
import { Worker } from "node:worker_threads";

export interface PolicyDocument {
  readonly Version?: string;
  readonly Statement: unknown;
}

export interface ExecutionRole {
  readonly arn: string;
  readonly policies: readonly PolicyDocument[];
}

export interface FunctionConfiguration {
  readonly functionName: string;
  /** The staged asset: the bundle's directory. */
  readonly codeDirectory: string;
  /** e.g. `index.handler`: the module and its export. */
  readonly handler: string;
  readonly environment: Readonly<Record<string, string>>;
  readonly timeoutSeconds: number;
  readonly memorySizeMb: number;
  readonly reservedConcurrency?: number;
  readonly role: ExecutionRole;
  readonly logGroupName: string;
  /** @default "Text" */
  readonly logFormat?: "Text" | "JSON";
}

export type InvocationResult =
  | { readonly outcome: "success"; readonly payload: unknown }
  | { readonly outcome: "error"; readonly errorType: string; readonly errorMessage: string }
  | { readonly outcome: "throttled"; readonly errorType: string; readonly reason: string };

export interface LambdaService {
  invoke(functionName: string, event: unknown): Promise<InvocationResult>;
  stop(): Promise<void>;
}

export interface RoleCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
}

export interface LambdaServiceOptions {
  readonly functions: readonly FunctionConfiguration[];
  readonly region: string;
  readonly accountId: string;
  /** The credentials an environment of `role` gets. */
  readonly credentialsFor: (role: ExecutionRole, sessionName: string) => RoleCredentials;
  /** Variables every function gets on top of its own, for what stands in for AWS. @default {} */
  readonly sandboxEnvironment?: Readonly<Record<string, string>>;
}

/** Loads the handler's module from the code directory and answers each invocation message. */
const RUNNER = `
const { parentPort, workerData } = require("node:worker_threads");
const { existsSync } = require("node:fs");
const { join } = require("node:path");
const { pathToFileURL } = require("node:url");
const at = workerData.handler.lastIndexOf(".");
const [moduleName, exportName] = [workerData.handler.slice(0, at), workerData.handler.slice(at + 1)];
const file = [".mjs", ".js", ".cjs"].map((ext) => join(workerData.codeDirectory, moduleName + ext)).find(existsSync);
const loaded = import(pathToFileURL(file).href);
parentPort.on("message", async ({ id, event, context }) => {
  const deadline = Date.now() + workerData.timeoutSeconds * 1000;
  try {
    const handler = (await loaded)[exportName];
    const payload = await handler(event, { ...context, getRemainingTimeInMillis: () => deadline - Date.now() });
    parentPort.postMessage({ id, result: { outcome: "success", payload } });
  } catch (error) {
    parentPort.postMessage({
      id,
      result: { outcome: "error", errorType: error?.name ?? "Error", errorMessage: String(error?.message ?? error) },
    });
  }
});
`;

export async function startLambdaService(options: LambdaServiceOptions): Promise<LambdaService> {
  const workers = new Map<
    string,
    { worker: Worker; pending: Map<number, (result: InvocationResult) => void> }
  >();
  for (const config of options.functions) {
    const worker = new Worker(RUNNER, {
      eval: true,
      workerData: {
        handler: config.handler,
        codeDirectory: config.codeDirectory,
        timeoutSeconds: config.timeoutSeconds,
      },
      env: {
        ...config.environment,
        ...options.sandboxEnvironment,
        AWS_REGION: options.region,
        AWS_DEFAULT_REGION: options.region,
        AWS_ACCESS_KEY_ID: options.credentialsFor(config.role, config.functionName).accessKeyId,
        AWS_SECRET_ACCESS_KEY: options.credentialsFor(config.role, config.functionName).secretAccessKey,
        AWS_SESSION_TOKEN: options.credentialsFor(config.role, config.functionName).sessionToken,
        AWS_LAMBDA_FUNCTION_NAME: config.functionName,
        AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(config.memorySizeMb),
        AWS_LAMBDA_LOG_GROUP_NAME: config.logGroupName,
        // The bundled SDK warns on Node 20 that its 2027 releases want Node 22; Lambda runs Node 24.
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
      },
    });
    const pending = new Map<number, (result: InvocationResult) => void>();
    worker.on("message", ({ id, result }: { id: number; result: InvocationResult }) => {
      pending.get(id)?.(result);
      pending.delete(id);
    });
    worker.unref();
    workers.set(config.functionName, { worker, pending });
  }
  let sequence = 0;
  return {
    invoke(functionName, event) {
      const entry = workers.get(functionName);
      if (!entry) return Promise.reject(new Error(`Function not found: ${functionName}`));
      const id = sequence++;
      return new Promise((resolve) => {
        entry.pending.set(id, resolve);
        entry.worker.postMessage({
          id,
          event,
          context: { functionName, awsRequestId: crypto.randomUUID(), functionVersion: "$LATEST" },
        });
      });
    },
    async stop() {
      await Promise.all([...workers.values()].map(({ worker }) => worker.terminate()));
    },
  };
}
