// The load run, in its own process: seeds a pool of users, drives the mixed workload through the sandbox with
// autocannon, then checks the final state against everything the server acknowledged.
import autocannon from "autocannon";
import { answerParent } from "./child-process";
import { type Verification, verifyLedger } from "./load-verify";
import {
  drawOperation,
  isWrite,
  newLedger,
  type Operation,
  type PoolUser,
  recordAnswer,
  recordUnknown,
  seededRandom,
} from "./load-workload";

export interface LoadRun {
  readonly sandboxUrl: string;
  readonly seconds: number;
  readonly connections: number;
}

export interface LoadAnswer {
  readonly seconds: number;
  readonly connections: number;
  readonly requests: number;
  readonly perSecond: number;
  readonly latencyMs: {
    readonly p50: number;
    readonly p90: number;
    readonly p99: number;
    readonly max: number;
  };
  readonly statusCounts: Record<string, number>;
  readonly errors: number;
  readonly timeouts: number;
  /** Writes still unanswered when autocannon stopped (the last seconds are read-only so that this is 0). */
  readonly writesInFlightAtStop: number;
  readonly verification: Verification;
}

const POOL_SIZE = 100;
/** Every fourth pool user may change email; the others' emails stay taken, for the deliberate conflicts. */
const MOVER_EVERY = 4;
/**
 * The last fifth of the run (at most 5 s, longer than the p99 of a write here) only reads, so that every write
 * has been answered when autocannon stops and the check can be exact.
 */
const readOnlyTailSeconds = (seconds: number) => Math.min(5, seconds / 5);

const run = JSON.parse(process.argv[2]) as LoadRun;
const ledger = newLedger(await seedPool(run.sandboxUrl));
const pending = new Set<Operation>();
const random = seededRandom(6);
let sequence = 0;
const writesUntil = Date.now() + (run.seconds - readOnlyTailSeconds(run.seconds)) * 1000;

const result = await autocannon({
  url: run.sandboxUrl,
  connections: run.connections,
  duration: run.seconds,
  timeout: 10,
  requests: [
    {
      setupRequest: (request, context) => {
        const operation = drawOperation(ledger, random, sequence++, Date.now() < writesUntil);
        pending.add(operation);
        context.operation = operation;
        return { ...request, ...operation };
      },
      onResponse: (status, body, context, headers) => {
        const operation = context.operation as Operation;
        pending.delete(operation);
        recordAnswer(ledger, operation, { status, body, etag: String(headers.etag ?? "") });
      },
    },
  ],
});
const writesInFlightAtStop = [...pending].filter(isWrite).length;
for (const operation of pending) recordUnknown(ledger, operation);
// A write abandoned at the stop may still be running in the sandbox; let it land before reading.
if (writesInFlightAtStop > 0) await new Promise((resolve) => setTimeout(resolve, 3000));

answerParent({
  seconds: result.duration,
  connections: run.connections,
  requests: result.requests.total,
  perSecond: result.requests.total / result.duration,
  latencyMs: {
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    max: result.latency.max,
  },
  statusCounts: ledger.statusCounts,
  errors: result.errors,
  timeouts: result.timeouts,
  writesInFlightAtStop,
  verification: await verifyLedger(run.sandboxUrl, ledger),
} satisfies LoadAnswer);

async function seedPool(sandboxUrl: string): Promise<PoolUser[]> {
  const pool: PoolUser[] = [];
  for (let i = 0; i < POOL_SIZE; i++) {
    const username = `pool-${i}`;
    const email = `${username}@load.example`;
    const response = await fetch(`${sandboxUrl}/api/users`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username, email }),
      signal: AbortSignal.timeout(10_000),
    });
    if (response.status !== 201) throw new Error(`seeding ${username} answered ${response.status}`);
    pool.push({
      username,
      email,
      mover: i % MOVER_EVERY === 0,
      lastSeenVersion: 1,
      acknowledged: new Map(),
      duplicateVersions: 0,
      unknownOutcomes: 0,
    });
  }
  return pool;
}
