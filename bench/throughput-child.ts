// One throughput run, in its own process, at a fixed concurrency: autocannon through the sandbox's HTTP API;
// or the real handler invoked in-process (no HTTP: splits the sandbox's overhead into the hop and the handler);
// or the same DynamoDB round trip sent straight to DynamoDB Local with lib-dynamodb.
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import autocannon from "autocannon";
import { type HttpApiHandler, invokeHttpApi, type PlainRequest } from "../sandbox/payload-v2";
import {
  emailClaimKey,
  USER_LIST_PARTITION,
  USERS_TABLE_SCHEMA,
  userKey,
} from "../usermanagement/users-api/database/table-schema";
import { answerParent, cpuMsSince } from "./child-process";

export type Operation = "get" | "create";
export type ThroughputPath = "sandbox" | "handler" | "direct";

export interface ThroughputRun {
  readonly path: ThroughputPath;
  readonly operation: Operation;
  /** The sandbox's base URL (path "sandbox"). DynamoDB Local comes from AWS_ENDPOINT_URL_DYNAMODB. */
  readonly sandboxUrl: string;
  readonly tableName: string;
  readonly connections: number;
  readonly seconds: number;
  /**
   * Stop after this many requests instead, `seconds` still capping the time.
   * @default - run for `seconds`
   */
  readonly requests?: number;
  /** Existing users the reads cycle through. */
  readonly usernames: readonly string[];
  /** Makes every created username unique across runs. */
  readonly runId: string;
}

export interface ThroughputAnswer {
  /** Successful operations per second. */
  readonly perSecond: number;
  /** Successful operations in the run. */
  readonly operations: number;
  /** CPU time this process spent during the run (the load generator, plus the handler or SDK it runs). */
  readonly cpuMs: number;
  /** Operations of the untimed warm-up before the run. */
  readonly warmUpOperations?: number;
  readonly failures: number;
}

/** The n-th request of a run: reads cycle through the existing users, creates make a new one each. */
function apiRequest(run: ThroughputRun, n: number): PlainRequest & { path: string; body?: string } {
  if (run.operation === "get") {
    const path = `/api/users/${run.usernames[n % run.usernames.length]}`;
    return { method: "GET", url: path, path };
  }
  const username = `t${run.path[0]}-${run.runId}-${n}`;
  return {
    method: "POST",
    url: "/api/users",
    path: "/api/users",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, email: `${username}@bench.example` }),
  };
}

/**
 * Requests sent untimed first. Each run is a fresh process, and V8 optimizes the handler and the SDK only after
 * a few thousand calls: a time-based warm-up would warm the faster path more. The long-lived sandbox gets the
 * same number again in every run.
 */
const WARM_UP = { requests: 1500, maxSeconds: 30 };

const expectedStatus = (operation: Operation) => (operation === "get" ? 200 : 201);

async function throughSandbox(run: ThroughputRun): Promise<ThroughputAnswer> {
  let sequence = 0;
  const cpuBefore = process.cpuUsage();
  const result = await autocannon({
    url: run.sandboxUrl,
    connections: run.connections,
    ...(run.requests ? { amount: run.requests } : { duration: run.seconds }),
    requests: [
      {
        setupRequest: (request) => {
          const { method, path, headers, body } = apiRequest(run, sequence++);
          return { ...request, method, path, headers: { ...(headers as Record<string, string>) }, body };
        },
      },
    ],
  });
  const ok = result.statusCodeStats[expectedStatus(run.operation)]?.count ?? 0;
  return {
    perSecond: ok / result.duration,
    operations: ok,
    cpuMs: cpuMsSince(cpuBefore),
    failures: result.non2xx + result.errors + result.timeouts,
  };
}

/** The handler the sandbox runs, invoked with the same payload-v2.0 events, minus the HTTP hop. */
async function throughHandler(run: ThroughputRun): Promise<ThroughputAnswer> {
  const { handler } = (await import("../usermanagement/users-api/api/runtime/handler")) as {
    handler: HttpApiHandler;
  };
  return closedLoop(run, async (n) => {
    const response = await invokeHttpApi(handler, "UsersApi", apiRequest(run, n));
    if (response.status !== expectedStatus(run.operation)) throw new Error(`answered ${response.status}`);
  });
}

/** The same round trip the store makes: a consistent GetItem, or the create's two-item TransactWriteItems. */
async function direct(run: ThroughputRun): Promise<ThroughputAnswer> {
  // Configured from the environment, exactly like the handler's client.
  const client = DynamoDBDocumentClient.from(new DynamoDBClient({}), {
    marshallOptions: { removeUndefinedValues: true },
  });
  const { partitionKey: PK, listIndex } = USERS_TABLE_SCHEMA;
  const operation = (n: number) => {
    if (run.operation === "get") {
      const username = run.usernames[n % run.usernames.length];
      return client.send(
        new GetCommand({ TableName: run.tableName, Key: { [PK]: userKey(username) }, ConsistentRead: true }),
      );
    }
    const username = `td-${run.runId}-${n}`;
    const email = `${username}@bench.example`;
    const now = new Date().toISOString();
    return client.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: run.tableName,
              Item: {
                username,
                email,
                createdAt: now,
                updatedAt: now,
                version: 1,
                [PK]: userKey(username),
                [listIndex.partitionKey]: USER_LIST_PARTITION,
              },
              ConditionExpression: `attribute_not_exists(${PK})`,
            },
          },
          {
            Put: {
              TableName: run.tableName,
              Item: { [PK]: emailClaimKey(email), username },
              ConditionExpression: `attribute_not_exists(${PK})`,
            },
          },
        ],
      }),
    );
  };
  try {
    return await closedLoop(run, operation);
  } finally {
    client.destroy();
  }
}

/**
 * `run.connections` loops, each starting its next operation when the last one ends, until the time is up or,
 * when `run.requests` is set, that many operations have been sent.
 */
async function closedLoop(
  run: ThroughputRun,
  operation: (n: number) => Promise<unknown>,
): Promise<ThroughputAnswer> {
  let sequence = 0;
  let done = 0;
  let failures = 0;
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const deadline = started + run.seconds * 1000;
  const budget = run.requests ?? Number.POSITIVE_INFINITY;
  const connection = async () => {
    while (performance.now() < deadline && sequence < budget) {
      try {
        await operation(sequence++);
        done++;
      } catch {
        failures++;
      }
    }
  };
  await Promise.all(Array.from({ length: run.connections }, connection));
  return {
    perSecond: done / ((performance.now() - started) / 1000),
    operations: done,
    cpuMs: cpuMsSince(cpuBefore),
    failures,
  };
}

const run = JSON.parse(process.argv[2]) as ThroughputRun;
const PATHS: Record<ThroughputPath, (run: ThroughputRun) => Promise<ThroughputAnswer>> = {
  sandbox: throughSandbox,
  handler: throughHandler,
  direct,
};
const warmUp = await PATHS[run.path]({
  ...run,
  seconds: WARM_UP.maxSeconds,
  requests: WARM_UP.requests,
  runId: `${run.runId}w`,
});
answerParent({ ...(await PATHS[run.path](run)), warmUpOperations: warmUp.operations });
