// The sandbox's Lambda: runs each function of the templates in execution environments of its own, as Lambda
// does ("Understanding the Lambda execution environment lifecycle",
// https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html): an invocation takes a warm, idle
// environment of its function or starts a new one (a cold start, reported with its Init Duration), one invocation
// per environment at a time, within the concurrency Lambda would grant (concurrency.ts).
import { randomUUID } from "node:crypto";
import { SandboxStartError } from "../start-error";
import { bundledBootstrap } from "./bootstrap-bundle";
import { concurrencyPools, reservationProblem } from "./concurrency";
import { ExecutionEnvironment, type PhaseOutcome } from "./execution-environment";
import type {
  FunctionConfiguration,
  FunctionLogRecord,
  InvocationResult,
  LambdaService,
  LambdaServiceOptions,
} from "./function-configuration";
import { invocationFailure } from "./invocation-failure";
import { endLines, type InvocationReport, startLines } from "./platform-log";
import {
  environmentVariables,
  logStreamName,
  reservedVariablesSet,
  runtimeNodeOptions,
} from "./runtime-environment";

/**
 * The sandbox account's concurrency limit: what a new AWS account starts with (the kind of account the sandbox
 * stacks deploy into, see README), and at most ten Node processes per function burst on a laptop.
 */
export const SANDBOX_ACCOUNT_CONCURRENCY_LIMIT = 10;

/** Lambda keeps idle environments for minutes (how many, it does not document); the sandbox keeps them 5. */
export const IDLE_ENVIRONMENT_TTL_MS = 5 * 60_000;

/** Lambda's limit on the Init phase; an Init that outlasts it is retried within the invocation's timeout. */
const INIT_LIMIT_MS = 10_000;

interface RunningFunction {
  readonly configuration: FunctionConfiguration;
  /** Warm environments waiting for an invocation, the most recently used last. */
  readonly idle: ExecutionEnvironment[];
  readonly all: Set<ExecutionEnvironment>;
}

export async function startLambdaService(options: LambdaServiceOptions): Promise<LambdaService> {
  const accountLimit = options.accountConcurrencyLimit ?? SANDBOX_ACCOUNT_CONCURRENCY_LIMIT;
  checkDeployable(options.functions, accountLimit);
  const bootstrap = await bundledBootstrap();
  const pools = concurrencyPools(options.functions, accountLimit);
  const functions = new Map<string, RunningFunction>(
    options.functions.map((configuration) => [
      configuration.functionName,
      { configuration, idle: [], all: new Set() },
    ]),
  );
  const sink = options.log ?? ((record: FunctionLogRecord) => process.stdout.write(`${record.line}\n`));
  const ttl = options.idleEnvironmentTtlMs ?? IDLE_ENVIRONMENT_TTL_MS;
  const reaper = setInterval(() => reapIdle(functions, ttl), Math.min(ttl, 30_000));
  reaper.unref();

  const log = (fn: FunctionConfiguration, environment: ExecutionEnvironment, lines: readonly string[]) => {
    for (const line of lines)
      sink({
        functionName: fn.functionName,
        logGroupName: fn.logGroupName,
        logStreamName: environment.logStreamName,
        line,
      });
  };

  function startEnvironment(fn: FunctionConfiguration): ExecutionEnvironment {
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
      log: (line) => log(fn, environment, [line]),
    });
    return environment;
  }

  /** A warm environment of the function, or a new one once its Init phase is done. */
  async function environmentFor(running: RunningFunction) {
    for (let warm = running.idle.pop(); warm; warm = running.idle.pop()) {
      if (warm.alive) return { environment: warm };
      running.all.delete(warm);
    }
    const environment = startEnvironment(running.configuration);
    running.all.add(environment);
    const started = performance.now();
    const init = await environment.init(Math.max(running.configuration.timeoutSeconds * 1000, INIT_LIMIT_MS));
    return { environment, initDurationMs: performance.now() - started, init };
  }

  async function run(running: RunningFunction, event: unknown): Promise<InvocationResult> {
    const fn = running.configuration;
    const json = fn.logFormat === "JSON";
    const requestId = randomUUID();
    const { environment, initDurationMs, init } = await environmentFor(running);
    const report = { requestId, initDurationMs, memorySizeMb: fn.memorySizeMb };
    if (init && init.kind !== "ready") return fail(running, environment, init, { ...report, durationMs: 0 });
    log(fn, environment, startLines(requestId, json));
    const timeoutMs = fn.timeoutSeconds * 1000;
    const started = performance.now();
    const outcome = await environment.invoke(
      {
        type: "invoke",
        requestId,
        deadlineMs: Date.now() + timeoutMs,
        invokedFunctionArn: `arn:aws:lambda:${options.region}:${options.accountId}:function:${fn.functionName}`,
        event: JSON.stringify(event ?? null),
      },
      timeoutMs,
    );
    const durationMs = performance.now() - started;
    if (outcome.kind !== "response" && outcome.kind !== "error")
      return fail(running, environment, outcome, { ...report, durationMs });
    // Let the lines the function wrote before it answered reach the log ahead of the platform's END and REPORT.
    await new Promise((resolve) => setImmediate(resolve));
    const maxMemoryUsedMb = Math.ceil((outcome.maxRssKb ?? 0) / 1024);
    const status = outcome.kind === "response" ? "success" : "error";
    log(fn, environment, endLines({ ...report, durationMs, maxMemoryUsedMb, status }, json));
    environment.idleSince = Date.now();
    running.idle.push(environment);
    return outcome.kind === "response"
      ? { outcome: "success", payload: JSON.parse(outcome.payload) }
      : { outcome: "error", errorType: outcome.error.errorType, errorMessage: outcome.error.errorMessage };
  }

  /** An environment that timed out, exited or failed its Init is gone: the next invocation gets a fresh one. */
  async function fail(
    running: RunningFunction,
    environment: ExecutionEnvironment,
    outcome: PhaseOutcome,
    report: Omit<InvocationReport, "status" | "maxMemoryUsedMb">,
  ): Promise<InvocationResult> {
    const fn = running.configuration;
    running.all.delete(environment);
    await environment.stop();
    const elapsedMs = outcome.kind === "timeout" ? fn.timeoutSeconds * 1000 : report.durationMs;
    const failure = invocationFailure(outcome, report.requestId, Math.max(report.durationMs, elapsedMs));
    const json = fn.logFormat === "JSON";
    log(fn, environment, [
      ...(json ? [] : failure.textLines),
      ...endLines({ ...report, maxMemoryUsedMb: 0, ...failure.report }, json),
    ]);
    return failure.result;
  }

  return {
    async invoke(functionName, event) {
      const running = functions.get(functionName);
      if (!running) throw new Error(`Function not found: ${functionName}`);
      const admission = pools.admit(running.configuration);
      if (!admission.admitted)
        return { outcome: "throttled", errorType: "TooManyRequestsException", reason: admission.reason };
      try {
        return await run(running, event);
      } finally {
        admission.release();
      }
    },
    async stop() {
      clearInterval(reaper);
      const environments = [...functions.values()].flatMap((running) => [...running.all]);
      await Promise.all(environments.map((environment) => environment.stop()));
    },
  };
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

/** Stops environments idle for longer than `ttl`, and forgets any whose process ended on its own. */
function reapIdle(functions: Map<string, RunningFunction>, ttl: number): void {
  const now = Date.now();
  for (const running of functions.values()) {
    for (const environment of [...running.idle]) {
      if (environment.alive && now - environment.idleSince < ttl) continue;
      running.idle.splice(running.idle.indexOf(environment), 1);
      running.all.delete(environment);
      void environment.stop();
    }
  }
}
