// One timed run in its own process, so the load generator shares neither event loop nor core with the sandbox:
// autocannon through the sandbox's HTTP API, or the same read sent straight to DynamoDB Local.
import { DynamoDBDocumentClient, GetCommand } from "@aws-sdk/lib-dynamodb";
import autocannon, { type AutocannonRequest } from "autocannon";
import { localDynamoDBClient } from "../sandbox/dynamodb/dynamodb-local";
import { USERS_TABLE_SCHEMA, userKey } from "../usermanagement/users-api/database/table-schema";
import { percentile } from "./measure";

export type Workload = "get" | "list" | "search" | "mixed";

export interface LoadInput {
  readonly mode: "http" | "direct";
  readonly workload: Workload;
  readonly url: string;
  readonly token: string;
  readonly dynamoDBEndpoint: string;
  readonly tableName: string;
  /** Existing users, cycled through by reads and updates. */
  readonly usernames: readonly string[];
  readonly connections: number;
  readonly seconds: number;
  /** Requests per second across the connections. @default - as fast as they go */
  readonly rate?: number;
  /** Makes created usernames unique across runs. */
  readonly runId: string;
}

export interface LoadAnswer {
  readonly perSecond: number;
  readonly requests: number;
  readonly statusCounts: Record<string, number>;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly errors: number;
}

/**
 * Untimed requests first: V8 optimizes the handler and the SDK only after some thousand calls. At a set rate,
 * five seconds' worth, as the stage would refuse a thousand at once.
 */
const warmUpRequests = (input: LoadInput) => (input.rate ? input.rate * 5 : 1000);

/** The n-th request of a workload. `mixed` is the load run: reads, searches, creates, renames, conflicts. */
function request(input: LoadInput, n: number, runId: string): AutocannonRequest {
  const user = input.usernames[n % input.usernames.length];
  const json = { "content-type": "application/json" };
  const kind =
    input.workload === "mixed"
      ? (["get", "get", "get", "list", "search", "create", "rename", "taken"] as const)[n % 8]
      : input.workload;
  switch (kind) {
    case "get":
      return { method: "GET", path: `/api/users/${user}` };
    case "list":
      return { method: "GET", path: "/api/users?limit=10" };
    case "search":
      return { method: "GET", path: `/api/users?search=${user.slice(0, -1)}&limit=10` };
    case "create": {
      const username = `load-${runId}-${n}`;
      return {
        method: "POST",
        path: "/api/users",
        headers: json,
        body: JSON.stringify({ username, email: `${username}@bench.example` }),
      };
    }
    case "rename":
      return {
        method: "PATCH",
        path: `/api/users/${user}`,
        headers: json,
        body: JSON.stringify({ displayName: `Renamed ${n}` }),
      };
    case "taken":
      return {
        method: "POST",
        path: "/api/users",
        headers: json,
        body: JSON.stringify({ username: user, email: `${user}-again@bench.example` }),
      };
  }
}

async function throughSandbox(input: LoadInput, timed: boolean): Promise<LoadAnswer> {
  let sequence = 0;
  const result = await autocannon({
    url: input.url,
    connections: input.connections,
    ...(timed ? { duration: input.seconds } : { amount: warmUpRequests(input) }),
    ...(input.rate ? { overallRate: input.rate } : {}),
    timeout: 10,
    requests: [
      {
        setupRequest: (base) => {
          // The warm-up creates users of its own, so that the timed run's creates meet no taken name.
          const next = request(input, sequence++, timed ? input.runId : `${input.runId}w`);
          return { ...base, ...next, headers: { ...next.headers, authorization: `Bearer ${input.token}` } };
        },
      },
    ],
  });
  const statusCounts = Object.fromEntries(
    Object.entries(result.statusCodeStats).map(([status, { count }]) => [status, count]),
  );
  const ok = Object.entries(statusCounts)
    .filter(([status]) => Number(status) < 300)
    .reduce((sum, [, count]) => sum + count, 0);
  return {
    perSecond: ok / result.duration,
    requests: result.requests.total,
    statusCounts,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors + result.timeouts,
  };
}

/** The read the store makes for `GET /api/users/{username}`: one consistent GetItem, from a closed loop. */
async function direct(input: LoadInput, timed: boolean): Promise<LoadAnswer> {
  const client = DynamoDBDocumentClient.from(localDynamoDBClient(input.dynamoDBEndpoint));
  let sequence = 0;
  let done = 0;
  const latencies: number[] = [];
  const started = performance.now();
  const deadline = started + input.seconds * 1000;
  const more = () => (timed ? performance.now() < deadline : sequence < warmUpRequests(input));
  // At a set rate, the n-th request goes out no sooner than n / rate seconds after the start.
  const slot = async (n: number) => {
    if (!input.rate) return;
    const wait = started + (n * 1000) / input.rate - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  };
  const loop = async () => {
    while (more()) {
      const n = sequence++;
      await slot(n);
      if (!more()) break;
      const username = input.usernames[n % input.usernames.length];
      const sent = performance.now();
      await client.send(
        new GetCommand({
          TableName: input.tableName,
          Key: { [USERS_TABLE_SCHEMA.partitionKey]: userKey(username) },
          ConsistentRead: true,
        }),
      );
      latencies.push(performance.now() - sent);
      done++;
    }
  };
  await Promise.all(Array.from({ length: input.connections }, loop));
  client.destroy();
  return {
    perSecond: done / ((performance.now() - started) / 1000),
    requests: done,
    statusCounts: { 200: done },
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    errors: 0,
  };
}

const input = JSON.parse(process.argv[2]) as LoadInput;
const run = input.mode === "http" ? throughSandbox : direct;
await run(input, false);
process.stdout.write(`${JSON.stringify(await run(input, true))}\n`);
