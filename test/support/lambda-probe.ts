// The probe function bundled as CDK stages a function's asset (bundleLambda: index.mjs and its source map), and a
// Lambda service running it, for the tests of the sandbox's Lambda.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach } from "vitest";
import type {
  FunctionConfiguration,
  FunctionLogRecord,
  LambdaServiceOptions,
} from "../../sandbox/lambda/function-configuration";
import { startLambdaService } from "../../sandbox/lambda/lambda-service";
import { bundleLambda } from "../../usermanagement/shared/infrastructure/lambda-bundling";

let codeDirectory: string | undefined;

/** The probe's bundle, built once per test file. */
export function probeBundle(): string {
  if (!codeDirectory) {
    codeDirectory = mkdtempSync(join(tmpdir(), "lambda-probe-"));
    bundleLambda(
      join(import.meta.dirname, "..", "sandbox", "lambda", "fixtures", "probe-handler.ts"),
      codeDirectory,
    );
  }
  return codeDirectory;
}

export function probeFunction(overrides: Partial<FunctionConfiguration> = {}): FunctionConfiguration {
  return {
    functionName: "Probe",
    codeDirectory: probeBundle(),
    handler: "index.handler",
    environment: { NODE_OPTIONS: "--enable-source-maps", POWERTOOLS_LOG_LEVEL: "INFO" },
    timeoutSeconds: 10,
    memorySizeMb: 256,
    role: { arn: "arn:aws:iam::000000000000:role/ProbeRole", policies: [] },
    logGroupName: "/aws/lambda/Probe",
    ...overrides,
  };
}

/** A Lambda service running `functions`, whose log lines are kept in `lines`. */
export async function probeService(
  functions: readonly FunctionConfiguration[],
  options: Partial<LambdaServiceOptions> = {},
) {
  const lines: FunctionLogRecord[] = [];
  const service = await startLambdaService({
    functions,
    region: "eu-west-1",
    accountId: "123456789012",
    credentialsFor: (role, sessionName) => ({
      accessKeyId: `ASIA${sessionName.toUpperCase()}`,
      secretAccessKey: `secret of ${role.arn}`,
      sessionToken: `token of ${sessionName}`,
    }),
    log: (record) => lines.push(record),
    ...options,
  });
  return { service, lines };
}

/** The payload of a successful invocation, or a failure that says what came back instead. */
export function payloadOf<T = Record<string, unknown>>(result: { outcome: string; payload?: unknown }): T {
  if (result.outcome !== "success") throw new Error(`expected a success, got ${JSON.stringify(result)}`);
  return result.payload as T;
}

/** A `probeService` for a test file whose every service is stopped after the test that started it. */
export function probeServicePerTest(): typeof probeService {
  let running: Awaited<ReturnType<typeof probeService>>["service"] | undefined;
  afterEach(() => running?.stop());
  return async (...args) => {
    const started = await probeService(...args);
    running = started.service;
    return started;
  };
}
