// Runs a bench helper as its own process: a load generator must not share the event loop (or the core) of the
// sandbox it measures. The helper answers with one JSON line on stdout.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";

export interface ChildRun {
  readonly command: string;
  readonly args: readonly string[];
  /** Killed (SIGKILL) after this long: every bench loop is bounded in time. */
  readonly timeoutMs: number;
  readonly env?: NodeJS.ProcessEnv;
}

export interface ChildOutcome {
  readonly lastLine: string;
  /** From spawn to exit, as the parent saw it. */
  readonly wallMs: number;
  /**
   * CPU time of the child and every descendant it waited for (user + system), less sensitive than wall time to
   * other work on the machine; `undefined` where /proc is missing.
   */
  readonly cpuMs?: number;
}

export async function runChild(run: ChildRun): Promise<ChildOutcome> {
  const started = performance.now();
  const cpuBefore = reapedChildrenCpuMs();
  const child = spawn(run.command, [...run.args], {
    env: run.env ?? process.env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const timer = setTimeout(() => child.kill("SIGKILL"), run.timeoutMs);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once("error", reject);
    child.once("close", resolve);
  }).finally(() => clearTimeout(timer));
  const wallMs = performance.now() - started;
  const cpuAfter = reapedChildrenCpuMs();
  if (code !== 0) {
    const what = `${run.command} ${run.args.join(" ")}`.slice(0, 200);
    throw new Error(`${what} exited with ${code} after ${Math.round(wallMs)} ms:\n${stderr.trim()}`);
  }
  const cpuMs = cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore;
  return { lastLine: stdout.trim().split("\n").at(-1) ?? "", wallMs, cpuMs };
}

/** Linux keeps, per process, the CPU time of its children once reaped (`cutime` + `cstime`, in 1/100 s). */
function reapedChildrenCpuMs(): number | undefined {
  try {
    const fields = readFileSync("/proc/self/stat", "utf8").split(") ")[1].split(" ");
    return (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    return undefined;
  }
}

/** A TypeScript helper under bench/, run the way the bench itself runs; resolves to its JSON answer. */
export async function runTsChild<T>(script: string, input: unknown, timeoutMs: number): Promise<T> {
  const { lastLine } = await runChild({
    command: process.execPath,
    args: ["--import", "tsx", new URL(script, import.meta.url).pathname, JSON.stringify(input)],
    timeoutMs,
  });
  return JSON.parse(lastLine) as T;
}

/** The one JSON line a helper answers with. */
export function answerParent(result: unknown): void {
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

/** CPU time (user + system) this process has spent since `before`, in ms. */
export function cpuMsSince(before: NodeJS.CpuUsage): number {
  const { user, system } = process.cpuUsage(before);
  return (user + system) / 1000;
}
