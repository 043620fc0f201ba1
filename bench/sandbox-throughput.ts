// Requests/s through the sandbox (HTTP server, payload-v2 adapter, the real handler) vs the same DynamoDB
// round trip straight to DynamoDB Local, at the same concurrency, interleaved run by run. The handler invoked
// in-process, without the HTTP hop, is measured alongside to tell where the sandbox's overhead lies.
import { cpuMsSince, runTsChild } from "./child-process";
import { pairedRatios, type Summary, summarize } from "./stats";
import type { Operation, ThroughputAnswer, ThroughputPath, ThroughputRun } from "./throughput-child";

/** CPU time per successful operation, in ms. */
type CpuPerOperation = Record<ThroughputPath, Summary>;

export const THROUGHPUT_TARGET_SHARE = 0.6;

export interface OperationThroughput {
  readonly sandboxPerSecond: Summary;
  readonly directPerSecond: Summary;
  /** The real handler invoked in-process with payload-v2.0 events: the sandbox minus its HTTP hop. */
  readonly handlerPerSecond: Summary;
  /** Sandbox rate as a share of the direct rate, run by run. */
  readonly share: Summary;
  readonly failures: number;
  /**
   * Node.js CPU per successful request (DynamoDB Local's Java not included): for the sandbox, its process plus
   * autocannon's; for the others, the one process that generates the load and runs the handler or the SDK.
   */
  readonly cpuMsPerRequest: CpuPerOperation;
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

export async function measureSandboxThroughput(
  settings: ThroughputSettings,
): Promise<Record<Operation, OperationThroughput>> {
  const usernames = await seedUsers(settings.sandboxUrl);
  const results = {} as Record<Operation, OperationThroughput>;
  for (const operation of ["get", "create"] as const) {
    const rates: Record<ThroughputPath, number[]> = { sandbox: [], handler: [], direct: [] };
    const cpu: Record<ThroughputPath, number[]> = { sandbox: [], handler: [], direct: [] };
    let failures = 0;
    const once = async (path: ThroughputPath, seconds: number, runId: string) => {
      const input: ThroughputRun = { ...settings, seconds, path, operation, usernames, runId };
      // The sandbox runs in this process, which otherwise only waits for the child.
      const sandboxCpuBefore = process.cpuUsage();
      const answer = await runTsChild<ThroughputAnswer>(
        "./throughput-child.ts",
        input,
        seconds * 1000 + 60_000,
      );
      // The sandbox served the child's warm-up too; being long-lived, it was already warm for it.
      const sandboxRequests = answer.operations + (answer.warmUpOperations ?? 0);
      const sandboxCpuMs =
        path === "sandbox" ? cpuMsSince(sandboxCpuBefore) / Math.max(1, sandboxRequests) : 0;
      return { ...answer, cpuMsPerRequest: answer.cpuMs / Math.max(1, answer.operations) + sandboxCpuMs };
    };
    for (let run = 0; run < settings.runs; run++) {
      for (const path of PATHS) {
        const answer = await once(path, settings.seconds, `${run}${Date.now()}`);
        rates[path].push(answer.perSecond);
        cpu[path].push(answer.cpuMsPerRequest);
        failures += answer.failures;
      }
    }
    const sandboxPerSecond = summarize(rates.sandbox);
    const directPerSecond = summarize(rates.direct);
    results[operation] = {
      sandboxPerSecond,
      directPerSecond,
      handlerPerSecond: summarize(rates.handler),
      share: pairedRatios(rates.sandbox, rates.direct),
      failures,
      cpuMsPerRequest: {
        sandbox: summarize(cpu.sandbox),
        handler: summarize(cpu.handler),
        direct: summarize(cpu.direct),
      },
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
