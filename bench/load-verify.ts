// After the load run: reads the final state of every user the workload touched and checks it against the
// ledger, so that an acknowledged write that is missing, or an update that overwrote another, is counted.
import type { Ledger, PoolUser, UserRecord } from "./load-workload";

export interface Verification {
  /** Acknowledged creates and updates (201s and 200 PATCHes). */
  readonly acknowledgedWrites: number;
  /** Acknowledged writes the final state does not account for. */
  readonly lostWrites: number;
  /** Final records that differ from the answer of the update that produced their version. */
  readonly mismatchedRecords: number;
  /** Refused creates whose user exists anyway. */
  readonly phantomCreates: number;
  /** Pool users checked exactly (every write's outcome known) vs within bounds (some outcomes unknown). */
  readonly usersCheckedExactly: number;
  readonly usersCheckedWithinBounds: number;
  readonly unknownOutcomes: number;
}

const COMPARED_FIELDS = ["username", "email", "displayName", "createdAt", "updatedAt", "version"] as const;

export async function verifyLedger(sandboxUrl: string, ledger: Ledger): Promise<Verification> {
  let lostWrites = 0;
  let mismatchedRecords = 0;
  let phantomCreates = 0;
  let exact = 0;
  let acknowledgedWrites = ledger.created.size;
  for (const user of ledger.pool) {
    const final = await readUser(sandboxUrl, user.username);
    const check = checkPoolUser(user, final);
    acknowledgedWrites += check.acknowledged;
    lostWrites += check.lost;
    mismatchedRecords += Number(check.mismatched);
    exact += Number(user.unknownOutcomes === 0);
  }
  await inBatches([...ledger.created.values()], async (created) => {
    const final = await readUser(sandboxUrl, created.username);
    if (!final) lostWrites++;
    // Created users are only ever read afterwards, so they must be exactly as acknowledged.
    else if (!sameRecord(final, created)) mismatchedRecords++;
  });
  await inBatches([...ledger.refusedCreates], async (username) => {
    if (await readUser(sandboxUrl, username)) phantomCreates++;
  });
  const unknownOutcomes =
    ledger.unknownCreates + ledger.pool.reduce((sum, user) => sum + user.unknownOutcomes, 0);
  return {
    acknowledgedWrites,
    lostWrites,
    mismatchedRecords,
    phantomCreates,
    usersCheckedExactly: exact,
    usersCheckedWithinBounds: ledger.pool.length - exact,
    unknownOutcomes,
  };
}

/**
 * Every update adds exactly 1 to the version, so with `u` updates of unknown outcome the final version must be
 * 1 + acknowledged + (0…u), each acknowledged update must have produced a version of its own, and the final
 * record must be the answer of the update that produced the final version.
 */
export function checkPoolUser(user: PoolUser, final: UserRecord | undefined) {
  const acknowledged = user.acknowledged.size + user.duplicateVersions;
  if (!final) return { acknowledged, lost: acknowledged, mismatched: true };
  const applied = final.version - 1;
  const lost = user.duplicateVersions + Math.max(0, user.acknowledged.size - applied);
  const producedFinal = user.acknowledged.get(final.version);
  const unaccounted = applied - user.acknowledged.size;
  const mismatched =
    unaccounted > user.unknownOutcomes ||
    (producedFinal !== undefined && !sameRecord(final, producedFinal)) ||
    (producedFinal === undefined && applied > 0 && user.unknownOutcomes === 0);
  return { acknowledged, lost, mismatched };
}

const sameRecord = (a: UserRecord, b: UserRecord) => COMPARED_FIELDS.every((field) => a[field] === b[field]);

async function readUser(sandboxUrl: string, username: string): Promise<UserRecord | undefined> {
  const response = await fetch(`${sandboxUrl}/api/users/${username}`, {
    signal: AbortSignal.timeout(10_000),
  });
  if (response.status === 404) return undefined;
  if (response.status !== 200) throw new Error(`reading ${username} answered ${response.status}`);
  return (await response.json()) as UserRecord;
}

/** A few reads at a time: enough to be quick, few enough not to time out on a busy machine. */
async function inBatches<T>(
  items: readonly T[],
  check: (item: T) => Promise<void>,
  size = 10,
): Promise<void> {
  for (let start = 0; start < items.length; start += size) {
    await Promise.all(items.slice(start, start + size).map(check));
  }
}
