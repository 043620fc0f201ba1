// The sandbox's Lambda: runs each function of the templates in execution environments of its own, as Lambda
// does ("Understanding the Lambda execution environment lifecycle",
// https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html): one invocation per environment
// at a time (function-environments.ts), within the concurrency Lambda would grant (concurrency.ts).
import { SandboxStartError } from "../start-error";
import { bundledBootstrap } from "./bootstrap-bundle";
import { concurrencyPools, reservationProblem } from "./concurrency";
import { ExecutionEnvironment } from "./execution-environment";
import type {
  FunctionConfiguration,
  FunctionLogRecord,
  LambdaService,
  LambdaServiceOptions,
} from "./function-configuration";
import { FunctionEnvironments } from "./function-environments";
import {
  environmentVariables,
  logStreamName,
  reservedVariablesSet,
  runtimeNodeOptions,
} from "./runtime-environment";

/**
 * The sandbox account's concurrency limit: what a new AWS account starts with (the kind of account the sandbox
 * stacks deploy into, see README), and at most ten Node processes at once on a laptop.
 */
export const SANDBOX_ACCOUNT_CONCURRENCY_LIMIT = 10;

/** Lambda keeps idle environments for minutes (how many, it does not document); the sandbox keeps them 5. */
export const IDLE_ENVIRONMENT_TTL_MS = 5 * 60_000;

export async function startLambdaService(options: LambdaServiceOptions): Promise<LambdaService> {
  const accountLimit = options.accountConcurrencyLimit ?? SANDBOX_ACCOUNT_CONCURRENCY_LIMIT;
  checkDeployable(options.functions, accountLimit);
  const bootstrap = await bundledBootstrap();
  const pools = concurrencyPools(options.functions, accountLimit);
  const sink = options.log ?? ((record: FunctionLogRecord) => process.stdout.write(`${record.line}\n`));

  const functions = new Map(
    options.functions.map((fn) => [
      fn.functionName,
      { fn, environments: environmentsOf(fn, options, bootstrap, sink) },
    ]),
  );

  const ttl = options.idleEnvironmentTtlMs ?? IDLE_ENVIRONMENT_TTL_MS;
  const reaper = setInterval(
    () => {
      for (const { environments } of functions.values()) environments.reapIdle(ttl);
    },
    Math.min(ttl, 30_000),
  );
  reaper.unref();

  return {
    async invoke(functionName, event) {
      const running = functions.get(functionName);
      if (!running) throw new Error(`Function not found: ${functionName}`);
      const admission = pools.admit(running.fn);
      if (!admission.admitted)
        return { outcome: "throttled", errorType: "TooManyRequestsException", reason: admission.reason };
      try {
        return await running.environments.invoke(event);
      } finally {
        admission.release();
      }
    },
    async stop() {
      clearInterval(reaper);
      await Promise.all([...functions.values()].map(({ environments }) => environments.stop()));
    },
  };
}

/** The environments of `fn`, each started with its variables and node options, logging to its own stream. */
function environmentsOf(
  fn: FunctionConfiguration,
  options: LambdaServiceOptions,
  bootstrap: string,
  sink: (record: FunctionLogRecord) => void,
): FunctionEnvironments {
  const log =
    (source: FunctionLogRecord["source"]) =>
    (environment: ExecutionEnvironment, lines: readonly string[]) => {
      for (const line of lines)
        sink({
          functionName: fn.functionName,
          logGroupName: fn.logGroupName,
          logStreamName: environment.logStreamName,
          source,
          line,
        });
    };
  const start = () => {
    const stream = logStreamName();
    const identity = {
      region: options.region,
      runtimeDirectory: bootstrap,
      credentials: options.credentialsFor(fn.role, fn.functionName),
      sandboxEnvironment: options.sandboxEnvironment ?? {},
    };
    const environment: ExecutionEnvironment = new ExecutionEnvironment({
      bootstrap,
      codeDirectory: fn.codeDirectory,
      variables: environmentVariables(fn, identity, stream),
      logStreamName: stream,
      nodeOptions: runtimeNodeOptions(fn.memorySizeMb),
      log: (line) => log("function")(environment, [line]),
    });
    return environment;
  };
  const functionArn = `arn:aws:lambda:${options.region}:${options.accountId}:function:${fn.functionName}`;
  return new FunctionEnvironments({ configuration: fn, functionArn, start, log: log("platform") });
}

/** What Lambda refuses at deployment: reserved variables set by a function, reservations the account can't grant. */
function checkDeployable(functions: readonly FunctionConfiguration[], accountLimit: number): void {
  for (const fn of functions) {
    const reserved = reservedVariablesSet(fn);
    if (reserved.length)
      throw new SandboxStartError(
        `${fn.functionName}: Lambda was unable to configure your environment variables because the environment ` +
          `variables you have provided contains reserved keys that are currently not supported for modification. ` +
          `Reserved keys used in this request: ${reserved.join(", ")}`,
      );
  }
  const problem = reservationProblem(functions, accountLimit);
  if (problem) throw new SandboxStartError(problem);
}
