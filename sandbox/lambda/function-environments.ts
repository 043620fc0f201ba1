// The execution environments of one function: an invocation takes the most recently used idle one, or starts a
// new one and waits out its Init phase (a cold start); it runs framed by the platform's START and REPORT lines;
// an environment that timed out, exited or failed its Init is gone, so the next invocation starts afresh.
import { randomUUID } from "node:crypto";
import type { ExecutionEnvironment, PhaseOutcome } from "./execution-environment";
import type { FunctionConfiguration, InvocationResult } from "./function-configuration";
import { invocationFailure } from "./invocation-failure";
import { endLines, type InvocationReport, startLines } from "./platform-log";

/** Lambda's limit on the Init phase; an Init that outlasts it is retried within the invocation's timeout. */
const INIT_LIMIT_MS = 10_000;

export interface FunctionEnvironmentsOptions {
  readonly configuration: FunctionConfiguration;
  /** `arn:aws:lambda:<region>:<account>:function:<name>`, as the context reports it. */
  readonly functionArn: string;
  /** Starts a new environment of the function. */
  readonly start: () => ExecutionEnvironment;
  /** Writes the platform's lines to an environment's log stream. */
  readonly log: (environment: ExecutionEnvironment, lines: readonly string[]) => void;
}

export class FunctionEnvironments {
  /** Warm environments waiting for an invocation, the most recently used last. */
  readonly #idle: ExecutionEnvironment[] = [];
  readonly #all = new Set<ExecutionEnvironment>();

  constructor(private readonly options: FunctionEnvironmentsOptions) {}

  async invoke(event: unknown): Promise<InvocationResult> {
    const fn = this.options.configuration;
    const json = fn.logFormat === "JSON";
    const requestId = randomUUID();
    const { environment, initDurationMs, init } = await this.#acquire();
    const report = { requestId, initDurationMs, memorySizeMb: fn.memorySizeMb };
    if (init && init.kind !== "ready") return this.#fail(environment, init, { ...report, durationMs: 0 });
    this.options.log(environment, startLines(requestId, json));
    const timeoutMs = fn.timeoutSeconds * 1000;
    const started = performance.now();
    const outcome = await environment.invoke(
      {
        type: "invoke",
        requestId,
        deadlineMs: Date.now() + timeoutMs,
        invokedFunctionArn: this.options.functionArn,
        event: JSON.stringify(event ?? null),
      },
      timeoutMs,
    );
    const durationMs = performance.now() - started;
    if (outcome.kind !== "response" && outcome.kind !== "error")
      return this.#fail(environment, outcome, { ...report, durationMs });
    // Let the lines the function wrote before it answered reach the log ahead of the platform's END and REPORT.
    await new Promise((resolve) => setImmediate(resolve));
    const maxMemoryUsedMb = Math.ceil((outcome.maxRssKb ?? 0) / 1024);
    const status = outcome.kind === "response" ? "success" : "error";
    this.options.log(environment, endLines({ ...report, durationMs, maxMemoryUsedMb, status }, json));
    environment.idleSince = Date.now();
    this.#idle.push(environment);
    return outcome.kind === "response"
      ? { outcome: "success", payload: JSON.parse(outcome.payload) }
      : { outcome: "error", errorType: outcome.error.errorType, errorMessage: outcome.error.errorMessage };
  }

  /** Stops the environments idle longer than `ttl`, and forgets any whose process ended on its own. */
  reapIdle(ttl: number): void {
    const now = Date.now();
    for (const environment of [...this.#idle]) {
      if (environment.alive && now - environment.idleSince < ttl) continue;
      this.#idle.splice(this.#idle.indexOf(environment), 1);
      this.#all.delete(environment);
      void environment.stop();
    }
  }

  async stop(): Promise<void> {
    await Promise.all([...this.#all].map((environment) => environment.stop()));
  }

  /** A warm environment, or a new one with how its Init phase went. */
  async #acquire(): Promise<{
    environment: ExecutionEnvironment;
    initDurationMs?: number;
    init?: PhaseOutcome;
  }> {
    for (let warm = this.#idle.pop(); warm; warm = this.#idle.pop()) {
      if (warm.alive) return { environment: warm };
      this.#all.delete(warm);
    }
    const environment = this.options.start();
    this.#all.add(environment);
    const started = performance.now();
    const init = await environment.init(
      Math.max(this.options.configuration.timeoutSeconds * 1000, INIT_LIMIT_MS),
    );
    return { environment, initDurationMs: performance.now() - started, init };
  }

  async #fail(
    environment: ExecutionEnvironment,
    outcome: PhaseOutcome,
    report: Omit<InvocationReport, "status" | "maxMemoryUsedMb">,
  ): Promise<InvocationResult> {
    const fn = this.options.configuration;
    this.#all.delete(environment);
    await environment.stop();
    const elapsedMs = outcome.kind === "timeout" ? fn.timeoutSeconds * 1000 : 0;
    const failure = invocationFailure(outcome, report.requestId, Math.max(report.durationMs, elapsedMs));
    const json = fn.logFormat === "JSON";
    this.options.log(environment, [
      ...(json ? [] : failure.textLines),
      ...endLines({ ...report, maxMemoryUsedMb: 0, ...failure.report }, json),
    ]);
    return failure.result;
  }
}
