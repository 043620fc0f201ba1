// `npm start`'s time to ready: from the command to its "ready at" line, with the synthesized assembly in the
// cache (a restart), and once without it (the first start after a construct changed), each run stopped with
// SIGTERM before the next.
import { spawn } from "node:child_process";
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { CACHE_DIR, inputsDigest, PROJECT_ROOT } from "../sandbox/cloudformation/assembly-cache";
import { type Summary, summarize } from "./measure";

/**
 * The time to ready before the sandbox ran the cloud assembly (it built the SPA and imported the handlers
 * itself): three runs of `PORT=0 npm start` on the development machine, 2026-12-07.
 */
export const STARTUP_BEFORE: Summary = { median: 4390, min: 4290, max: 4600, runs: 3 };
export const STARTUP_TARGET_RATIO = 1.3;

export interface StartupResult {
  /** With the assembly cached. */
  readonly cachedMs: Summary;
  /** Without it: the synth is part of the start. */
  readonly uncachedMs: number;
}

const READY_LINE = /User Management sandbox ready at/;

export async function measureStartup(runs: number): Promise<StartupResult> {
  await rm(join(CACHE_DIR, await inputsDigest()), { recursive: true, force: true });
  const uncachedMs = await timeToReady();
  const cached: number[] = [];
  for (let run = 0; run < runs; run++) cached.push(await timeToReady());
  return { cachedMs: summarize(cached), uncachedMs };
}

async function timeToReady(): Promise<number> {
  const started = performance.now();
  const child = spawn("npm", ["start", "--silent"], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, PORT: "0" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  const ready = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ready line within 120 s:\n${output}`)), 120_000);
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk;
      if (READY_LINE.test(output)) {
        clearTimeout(timer);
        resolve(performance.now() - started);
      }
    });
    child.stderr.on("data", (chunk: Buffer) => {
      output += chunk;
    });
    exited.then((code) => reject(new Error(`npm start exited with ${code}:\n${output}`)));
  }).finally(() => child.kill("SIGTERM"));
  await exited;
  return ready;
}
