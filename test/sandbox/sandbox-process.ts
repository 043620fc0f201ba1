// Runs the sandbox the way a developer does, as its own process, for the tests that need a running workload.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { once } from "node:events";

export interface SandboxProcess {
  readonly process: ChildProcess;
  /** The URL from the ready line, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  /** Every process below the sandbox's, DynamoDB Local's Java included. */
  descendants(): number[];
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
}

const READY = /sandbox ready at (http:\/\/\S+?)\/? /;

/** Starts `npm start` on a free port (PORT=0) and resolves once it prints its ready line. */
export async function startSandboxProcess(env: Record<string, string> = {}): Promise<SandboxProcess> {
  const child = spawn("npm", ["start", "--silent"], {
    env: { ...process.env, PORT: "0", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = READY.exec(output);
      if (match) resolve(match[1]);
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) =>
      reject(new Error(`sandbox exited with ${code} before it was ready:\n${output}`)),
    );
    setTimeout(() => reject(new Error(`sandbox not ready after 60 s:\n${output}`)), 60_000).unref();
  });
  return {
    process: child,
    url,
    descendants: () => descendantsOf(child.pid ?? -1),
    async stop() {
      if (child.exitCode !== null) return child.exitCode;
      const exited = once(child, "exit");
      // npm forwards the signal to the sandbox, which stops DynamoDB Local before exiting.
      child.kill("SIGTERM");
      const [code] = await exited;
      return code as number | null;
    },
  };
}

export function descendantsOf(pid: number): number[] {
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

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
