// Requests/s through the sandbox (HTTP server, payload-v2 adapter, the real handler) vs the same DynamoDB
// round trip straight to DynamoDB Local, at the same concurrency, interleaved run by run. The handler invoked
// in-process, without the HTTP hop, is measured alongside to tell where the sandbox's overhead lies.
import { runTsChild } from "./child-process";
import { ratioOfMedians, type Summary, summarize } from "./stats";
import type { Operation, ThroughputAnswer, ThroughputPath, ThroughputRun } from "./throughput-child";

export const THROUGHPUT_TARGET_SHARE = 0.6;

export interface OperationThroughput {
  readonly sandboxPerSecond: Summary;
  readonly directPerSecond: Summary;
  /** The real handler invoked in-process with payload-v2.0 events: the sandbox minus its HTTP hop. */
  readonly handlerPerSecond: Summary;
  /** Sandbox rate as a share of the direct rate. */
  readonly share: number;
  readonly failures: number;
}

export interface ThroughputSettings {
  readonly sandboxUrl: string;
  readonly tableName: string;
  readonly runs: number;
  readonly seconds: number;
  readonly connections: number;
}

const SEEDED_USERS = 50;
const PATHS: readonly ThroughputPath[] = ["sandbox", "handler", "direct"];
/** Untimed first run of each path: DynamoDB Local's JIT and V8's need a few thousand requests to settle. */
const WARM_UP_SECONDS = 2;

export async function measureSandboxThroughput(
  settings: ThroughputSettings,
): Promise<Record<Operation, OperationThroughput>> {
  const usernames = await seedUsers(settings.sandboxUrl);
  const results = {} as Record<Operation, OperationThroughput>;
  for (const operation of ["get", "create"] as const) {
    const rates: Record<ThroughputPath, number[]> = { sandbox: [], handler: [], direct: [] };
    let failures = 0;
    const once = async (path: ThroughputPath, seconds: number, runId: string) => {
      const input: ThroughputRun = { ...settings, seconds, path, operation, usernames, runId };
      return runTsChild<ThroughputAnswer>("./throughput-child.ts", input, seconds * 1000 + 60_000);
    };
    for (const path of PATHS) await once(path, WARM_UP_SECONDS, `w${Date.now()}`);
    for (let run = 0; run < settings.runs; run++) {
      for (const path of PATHS) {
        const answer = await once(path, settings.seconds, `${run}${Date.now()}`);
        rates[path].push(answer.perSecond);
        failures += answer.failures;
      }
    }
    const sandboxPerSecond = summarize(rates.sandbox);
    const directPerSecond = summarize(rates.direct);
    results[operation] = {
      sandboxPerSecond,
      directPerSecond,
      handlerPerSecond: summarize(rates.handler),
      share: ratioOfMedians(sandboxPerSecond, directPerSecond),
      failures,
    };
  }
  return results;
}

async function seedUsers(sandboxUrl: string): Promise<string[]> {
  const usernames = Array.from({ length: SEEDED_USERS }, (_, i) => `tp-seed-${i}`);
  for (const username of usernames) {
    const response = await fetch(`${sandboxUrl}/api/users`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username, email: `${username}@bench.example` }),
      signal: AbortSignal.timeout(10_000),
    });
    if (response.status !== 201) throw new Error(`seeding ${username} answered ${response.status}`);
  }
  return usernames;
}
