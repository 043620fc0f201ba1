// Runs the local sandbox exactly as a developer does (`npm start`, PORT=0 for a free port) and stops it with
// SIGTERM, checking that nothing it started (tsx, node, DynamoDB Local's Java) outlives it.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";

const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));
const READY_LINE = /User Management sandbox ready at (http:\/\/\S+?)\/? \(Ctrl-C to stop\)/;

export interface SandboxProcess {
  /** The UI's origin, e.g. `http://127.0.0.1:41234`, without a trailing slash. */
  readonly url: string;
  /** Every process the sandbox started, DynamoDB Local's Java included. */
  descendants(): number[];
  /** What it printed until it was ready. */
  readonly startOutput: string;
  /** SIGTERM to npm; resolves with npm's exit code once the whole group is gone, and throws if it lingers. */
  stop(): Promise<number | null>;
}

export async function startSandboxProcess(timeoutMs = 90_000): Promise<SandboxProcess> {
  const child = spawn("npm", ["start"], {
    cwd: REPO_ROOT,
    env: { ...process.env, PORT: "0" },
    // Its own process group, so stop() can tell whether anything the sandbox started is still running.
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no ready line within ${timeoutMs} ms:\n${output}`)),
      timeoutMs,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const ready = READY_LINE.exec(output);
      if (ready) {
        clearTimeout(timer);
        resolve(ready[1]);
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`npm start exited with ${code} before it was ready:\n${output}`));
    });
  }).catch(async (error) => {
    await killGroup(child);
    throw error;
  });
  const exited = once(child, "exit").then(([code]) => code as number | null);
  let stopping: Promise<number | null> | undefined;
  return {
    url,
    startOutput: output,
    descendants: () => descendantsOf(child.pid as number),
    stop: () => {
      stopping ??= stop(child, exited);
      return stopping;
    },
  };
}

async function stop(child: ChildProcess, exited: Promise<number | null>): Promise<number | null> {
  // Only npm gets the signal, as from `kill <pid>`: the sandbox must pass it on and clean up by itself.
  child.kill("SIGTERM");
  if (await groupEmptyWithin(child, 15_000)) return exited;
  await killGroup(child);
  throw new Error("The sandbox left processes running 15 s after SIGTERM.");
}

function descendantsOf(pid: number): number[] {
  let children: number[] = [];
  try {
    children = execFileSync("pgrep", ["-P", String(pid)], { encoding: "utf8" })
      .split("\n")
      .filter(Boolean)
      .map(Number);
  } catch {
    // pgrep exits 1 when there are none.
  }
  return children.flatMap((child) => [child, ...descendantsOf(child)]);
}

async function killGroup(child: ChildProcess): Promise<void> {
  try {
    process.kill(-(child.pid as number), "SIGKILL");
  } catch {
    // Already gone.
  }
  await groupEmptyWithin(child, 5_000);
}

/** Whether every process of the child's group has exited within `ms`. */
async function groupEmptyWithin(child: ChildProcess, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      process.kill(-(child.pid as number), 0);
    } catch {
      return true;
    }
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
