// The load run: autocannon at high concurrency on the sandbox with a mixed read/create/update workload,
// then a check that every acknowledged write is in the final state and no update was lost.
import { runTsChild } from "./child-process";
import type { LoadAnswer, LoadRun } from "./load-child";

export async function measureLoad(run: LoadRun): Promise<LoadAnswer> {
  // Seeding, the run, up to 10 s of timeouts at the end, and the reads of the check.
  return runTsChild<LoadAnswer>("./load-child.ts", run, run.seconds * 1000 + 180_000);
}
