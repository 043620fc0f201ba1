// The load run's mixed workload, and the ledger of what the server acknowledged: every request is drawn here,
// and every answer is recorded here, so that the final state can be checked against it exactly.

import type { User } from "../usermanagement/users-api/api/runtime/user";

/** What the API returns for a user; the fields the ledger compares. */
export type UserRecord = User;

export type OperationKind =
  | "read"
  | "create"
  /** A new username with a pool user's (never-moving) email: 409 expected. */
  | "create-email-taken"
  /** A pool username: 409 expected. */
  | "create-username-taken"
  | "rename"
  /** A rename with `If-Match` of the last version this client saw: 200, or 412 when another update won. */
  | "rename-if-match"
  /** A rename with `If-Match` of a version already superseded: 412 expected once the user has moved on. */
  | "rename-stale"
  /** A mover takes a fresh email: the claim moves in a transaction. */
  | "move-email"
  /** A mover asks for a fixed user's email: 409 expected. */
  | "move-email-taken";

const WEIGHTS: Record<OperationKind, number> = {
  read: 30,
  create: 15,
  "create-email-taken": 3,
  "create-username-taken": 2,
  rename: 22,
  "rename-if-match": 10,
  "rename-stale": 3,
  "move-email": 10,
  "move-email-taken": 5,
};

export interface Operation {
  readonly kind: OperationKind;
  readonly username: string;
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body?: string;
}

export interface PoolUser {
  readonly username: string;
  readonly email: string;
  /** Only movers change email, so the others' emails stay taken for the deliberate conflicts. */
  readonly mover: boolean;
  /** The highest version any answer showed this client: what a real client would send in `If-Match`. */
  lastSeenVersion: number;
  /** Each acknowledged update's answer, by the version it produced. */
  readonly acknowledged: Map<number, UserRecord>;
  /** Acknowledged updates that claimed a version another acknowledged update had already claimed. */
  duplicateVersions: number;
  /** Writes whose outcome the client never learned (5xx, timeout, in flight at the stop). */
  unknownOutcomes: number;
}

export interface Ledger {
  readonly pool: PoolUser[];
  /** The pool users that may change email, and those whose emails stay taken. */
  readonly movers: PoolUser[];
  readonly fixed: PoolUser[];
  readonly created: Map<string, UserRecord>;
  /** Usernames whose create was refused: they must not exist afterwards. */
  readonly refusedCreates: Set<string>;
  unknownCreates: number;
  readonly statusCounts: Record<string, number>;
}

export const newLedger = (pool: PoolUser[]): Ledger => ({
  pool,
  movers: pool.filter((user) => user.mover),
  fixed: pool.filter((user) => !user.mover),
  created: new Map(),
  refusedCreates: new Set(),
  unknownCreates: 0,
  statusCounts: {},
});

/** A seeded generator (mulberry32), so that every run draws the same sequence of operations. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function drawOperation(ledger: Ledger, random: () => number, n: number, writes: boolean): Operation {
  const kind = writes ? pickKind(random) : "read";
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
  const user = pick(ledger.pool);
  const { movers, fixed } = ledger;
  const json = (username: string, method: string, path: string, body: object, ifMatch?: number) => ({
    kind,
    username,
    method,
    path,
    headers: {
      "content-type": "application/json",
      ...(ifMatch === undefined ? {} : { "if-match": `"${ifMatch}"` }),
    },
    body: JSON.stringify(body),
  });
  const item = (username: string) => `/api/users/${username}`;
  const fresh = `load-${n}`;
  switch (kind) {
    case "read":
      return { kind, username: user.username, method: "GET", path: item(user.username), headers: {} };
    case "create":
      return json(fresh, "POST", "/api/users", { username: fresh, email: `${fresh}@load.example` });
    case "create-email-taken":
      return json(fresh, "POST", "/api/users", { username: fresh, email: pick(fixed).email });
    case "create-username-taken":
      return json(user.username, "POST", "/api/users", {
        username: user.username,
        email: `${fresh}@x.example`,
      });
    case "rename":
      return json(user.username, "PATCH", item(user.username), { displayName: `Name ${n}` });
    case "rename-if-match":
      return json(
        user.username,
        "PATCH",
        item(user.username),
        { displayName: `Name ${n}` },
        user.lastSeenVersion,
      );
    case "rename-stale":
      return json(user.username, "PATCH", item(user.username), { displayName: `Name ${n}` }, 1);
    case "move-email": {
      const mover = pick(movers);
      return json(mover.username, "PATCH", item(mover.username), { email: `${fresh}@moved.example` });
    }
    case "move-email-taken": {
      const mover = pick(movers);
      return json(mover.username, "PATCH", item(mover.username), { email: pick(fixed).email });
    }
  }
}

function pickKind(random: () => number): OperationKind {
  const total = Object.values(WEIGHTS).reduce((sum, weight) => sum + weight, 0);
  let ticket = random() * total;
  for (const [kind, weight] of Object.entries(WEIGHTS) as [OperationKind, number][]) {
    ticket -= weight;
    if (ticket < 0) return kind;
  }
  return "read";
}

export const isWrite = (operation: Operation) => operation.method !== "GET";

/** Records one answer. A status the workload doesn't expect is still recorded: the check decides. */
export function recordAnswer(
  ledger: Ledger,
  operation: Operation,
  answer: { status: number; body: string; etag?: string },
): void {
  const { status } = answer;
  ledger.statusCounts[status] = (ledger.statusCounts[status] ?? 0) + 1;
  const poolUser = ledger.pool.find((user) => user.username === operation.username);
  const record = status === 200 || status === 201 ? (JSON.parse(answer.body) as UserRecord) : undefined;
  // A 412 names the current version in its ETag, as a 200 does.
  const seen = record?.version ?? Number(/"(\d+)"/.exec(answer.etag ?? "")?.[1] ?? 0);
  if (poolUser) poolUser.lastSeenVersion = Math.max(poolUser.lastSeenVersion, seen);
  if (status >= 500) {
    recordUnknown(ledger, operation);
    return;
  }
  if (operation.method === "POST") {
    if (record) ledger.created.set(record.username, record);
    else if (!poolUser) ledger.refusedCreates.add(operation.username);
  } else if (operation.method === "PATCH" && record && poolUser) {
    if (poolUser.acknowledged.has(record.version)) poolUser.duplicateVersions++;
    else poolUser.acknowledged.set(record.version, record);
  }
}

/** A write whose answer never came: it may or may not have been applied. */
export function recordUnknown(ledger: Ledger, operation: Operation): void {
  if (!isWrite(operation)) return;
  const poolUser = ledger.pool.find((user) => user.username === operation.username);
  if (operation.method === "POST" && !poolUser) ledger.unknownCreates++;
  else if (operation.method === "PATCH" && poolUser) poolUser.unknownOutcomes++;
}
