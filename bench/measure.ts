// Repeated measurements and the processes that take them: the median is the figure, min–max shows the noise.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";

export interface Summary {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly runs: number;
}

export function summarize(samples: readonly number[]): Summary {
  if (samples.length === 0) throw new Error("cannot summarize no samples");
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1], runs: sorted.length };
}

/**
 * Each run against the baseline run taken next to it (1.25 = 25 % more), summarized: pairing cancels the drift
 * of a machine whose load changes from one minute to the next.
 */
export function pairedRatios(measured: readonly number[], baseline: readonly number[]): Summary {
  if (measured.length !== baseline.length) throw new Error("paired ratios need one baseline run per run");
  return summarize(measured.map((value, i) => value / baseline[i]));
}

/** Nearest-rank percentile (`p` from 0 to 100): always one of the samples. */
export function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length))) - 1];
}

export interface ChildOutcome {
  /** The child's last line of output: bench helpers answer with one JSON line. */
  readonly lastLine: string;
  readonly wallMs: number;
  /** CPU (user + system) of the child and everything it waited for; `undefined` without /proc. */
  readonly cpuMs?: number;
}

/**
 * Runs a process to its end, killed after `timeoutMs`. A load generator runs this way so that it shares neither
 * the event loop nor the core of the sandbox it measures.
 */
export async function runChild(
  command: string,
  args: readonly string[],
  timeoutMs: number,
  env: NodeJS.ProcessEnv = process.env,
): Promise<ChildOutcome> {
  const started = performance.now();
  const cpuBefore = reapedChildrenCpuMs();
  const child = spawn(command, [...args], { env, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk;
  });
  child.stderr.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once("error", reject);
    child.once("close", resolve);
  }).finally(() => clearTimeout(timer));
  const wallMs = performance.now() - started;
  if (code !== 0)
    throw new Error(`${command} ${args.join(" ").slice(0, 200)} exited with ${code}:\n${stderr}`);
  const cpuAfter = reapedChildrenCpuMs();
  const cpuMs = cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore;
  return { lastLine: stdout.trim().split("\n").at(-1) ?? "", wallMs, cpuMs };
}

/** Linux keeps the CPU time of a process's reaped children (`cutime` + `cstime`, in 1/100 s). */
function reapedChildrenCpuMs(): number | undefined {
  try {
    const fields = readFileSync("/proc/self/stat", "utf8").split(") ")[1].split(" ");
    return (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    return undefined;
  }
}
