// One execution environment of a function: its own Node.js process (its own memory, module state and
// environment variables), which runs one invocation at a time, and which Lambda stops when an invocation times
// out or the runtime exits ("Understanding the Lambda execution environment lifecycle",
// https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html).
import { type ChildProcess, fork } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import type { EnvironmentMessage, InvokeMessage, RuntimeError } from "./runtime-protocol";

export interface EnvironmentSpec {
  /** The runtime's bootstrap, bundled. */
  readonly bootstrap: string;
  /** The function's code (`LAMBDA_TASK_ROOT`), where the process runs. */
  readonly codeDirectory: string;
  readonly variables: Readonly<Record<string, string>>;
  /** `AWS_LAMBDA_LOG_STREAM_NAME`: where the environment's lines go. */
  readonly logStreamName: string;
  readonly nodeOptions: readonly string[];
  /** Receives each line the process writes to stdout or stderr. */
  readonly log: (line: string) => void;
}

/** How a phase (Init, or one invocation) ended. */
export type PhaseOutcome =
  | { readonly kind: "ready" }
  | { readonly kind: "response"; readonly payload: string; readonly maxRssKb: number }
  | { readonly kind: "error"; readonly error: RuntimeError; readonly maxRssKb?: number }
  | { readonly kind: "timeout" }
  /** The process ended, e.g. `exit status 1` or `signal: killed` (Go's wording, which Lambda's messages use). */
  | { readonly kind: "exit"; readonly status: string };

export class ExecutionEnvironment {
  readonly #child: ChildProcess;
  readonly #exited: Promise<void>;
  #settle: ((outcome: PhaseOutcome) => void) | undefined;
  #alive = true;
  readonly logStreamName: string;
  /** When the environment last finished an invocation: idle environments are stopped after a while. */
  idleSince = Date.now();

  constructor(spec: EnvironmentSpec) {
    this.logStreamName = spec.logStreamName;
    this.#child = fork(spec.bootstrap, [], {
      cwd: spec.codeDirectory,
      env: spec.variables,
      // Not the sandbox's own node options (its TypeScript loader): Lambda's, and NODE_OPTIONS from the variables.
      execArgv: [...spec.nodeOptions],
      stdio: ["ignore", "pipe", "pipe", "ipc"],
    });
    for (const stream of [this.#child.stdout, this.#child.stderr])
      if (stream) createInterface({ input: stream }).on("line", spec.log);
    this.#child.on("message", (message: EnvironmentMessage) => this.#receive(message));
    // A message sent as the process dies fails here rather than crash the sandbox; the exit settles the phase.
    this.#child.on("error", () => undefined);
    this.#exited = once(this.#child, "exit").then(([code, signal]) => {
      this.#alive = false;
      this.#finish({
        kind: "exit",
        status: exitStatus(code as number | null, signal as NodeJS.Signals | null),
      });
    });
  }

  get alive(): boolean {
    return this.#alive;
  }

  /** The Init phase: resolves `ready` once the handler is loaded, or how it failed. */
  init(timeoutMs: number): Promise<PhaseOutcome> {
    return this.#phase(timeoutMs, () => undefined);
  }

  /** One invocation; the environment is stopped if it outlasts `timeoutMs` or the runtime exits. */
  invoke(message: InvokeMessage, timeoutMs: number): Promise<PhaseOutcome> {
    return this.#phase(timeoutMs, () => this.#child.send(message));
  }

  /** Stops the process (SIGKILL: Lambda gives a stopped environment no grace) and waits for it to exit. */
  async stop(): Promise<void> {
    if (this.#alive) this.#child.kill("SIGKILL");
    await this.#exited;
  }

  #phase(timeoutMs: number, begin: () => void): Promise<PhaseOutcome> {
    if (!this.#alive) return Promise.resolve({ kind: "exit", status: "exit status 0" });
    return new Promise<PhaseOutcome>((resolve) => {
      const timer = setTimeout(() => {
        this.#finish({ kind: "timeout" });
        void this.stop();
      }, timeoutMs);
      this.#settle = (outcome) => {
        clearTimeout(timer);
        resolve(outcome);
      };
      begin();
    });
  }

  #receive(message: EnvironmentMessage): void {
    if (message.type === "ready") this.#finish({ kind: "ready" });
    else if (message.type === "init-error") this.#finish({ kind: "error", error: message.error });
    else if (message.type === "response")
      this.#finish({ kind: "response", payload: message.payload, maxRssKb: message.maxRssKb });
    else this.#finish({ kind: "error", error: message.error, maxRssKb: message.maxRssKb });
  }

  /** Settles the current phase with its first outcome; anything after (an exit after an error) is ignored. */
  #finish(outcome: PhaseOutcome): void {
    const settle = this.#settle;
    this.#settle = undefined;
    settle?.(outcome);
  }
}

const SIGNAL_NAMES: Partial<Record<NodeJS.Signals, string>> = {
  SIGKILL: "killed",
  SIGTERM: "terminated",
  SIGABRT: "aborted",
  SIGSEGV: "segmentation fault",
};

function exitStatus(code: number | null, signal: NodeJS.Signals | null): string {
  if (signal) return `signal: ${SIGNAL_NAMES[signal] ?? signal}`;
  return `exit status ${code ?? 0}`;
}
