// Through the sandbox (its CloudFront, API Gateway with the JWT authorizer and the stage's throttling, the
// functions' bundles in the Lambda service, DynamoDB Local), signed in as the sandbox's machine client. The
// stage throttles each route at 50 requests per second (its template's DefaultRouteSettings), so the figures
// are taken at a rate inside that limit: a read's latency beside the same read sent straight to DynamoDB Local
// at the same rate, list and search beside each other, and a mixed load run; then one run past the
// limits, to count what a client gets there (429 from the stage, 500 for an invocation Lambda throttles).
import type { RunningSandbox } from "../sandbox/sandbox";
import type { LoadAnswer, LoadInput, Workload } from "./load-child";
import { pairedRatios, runChild, type Summary, summarize } from "./measure";

const SEEDED_USERS = 50;
/** The seeded usernames share starts (`tp-1` finds tp-1 and tp-10…tp-19), so a search returns a page. */
const seededName = (i: number) => `tp-${i}`;

export interface SandboxFigures {
  /** Requests per second of the paced runs, inside the stage's limit. */
  readonly rate: number;
  /** p50 latency of `GET /api/users/{username}` through the sandbox, run by run. */
  readonly getP50Ms: Summary;
  readonly getP99Ms: Summary;
  /** p50 latency of the same GetItem straight to DynamoDB Local. */
  readonly directGetP50Ms: Summary;
  /** Sandbox ÷ direct p50, run by run. */
  readonly getLatencyRatio: Summary;
  readonly listP50Ms: Summary;
  readonly searchP50Ms: Summary;
  readonly load: LoadAnswer & {
    readonly seconds: number;
    readonly connections: number;
    readonly rate: number;
  };
  readonly overLimit: LoadAnswer & { readonly seconds: number; readonly connections: number };
}

export interface SandboxLoadSettings {
  readonly runs: number;
  readonly seconds: number;
  readonly connections: number;
  readonly rate: number;
  readonly loadSeconds: number;
  readonly loadConnections: number;
  readonly overLimitSeconds: number;
  readonly overLimitConnections: number;
}

export async function measureSandbox(
  sandbox: RunningSandbox,
  settings: SandboxLoadSettings,
): Promise<SandboxFigures> {
  const token = await machineToken(sandbox.issuerUrl);
  const usernames = await seedUsers(sandbox.url, token);
  const [table] = sandbox.deployment.resourcesOfType("AWS::DynamoDB::Table");
  const run = async (
    mode: LoadInput["mode"],
    workload: Workload,
    { seconds, connections, rate }: { seconds: number; connections: number; rate?: number },
  ) => {
    const input: LoadInput = {
      mode,
      workload,
      url: sandbox.url,
      token,
      dynamoDBEndpoint: sandbox.dynamoDBEndpoint,
      tableName: table.physicalId,
      usernames,
      connections,
      seconds,
      rate,
      runId: `${Date.now().toString(36)}`,
    };
    const script = new URL("./load-child.ts", import.meta.url).pathname;
    const { lastLine } = await runChild(
      process.execPath,
      ["--import", "tsx", script, JSON.stringify(input)],
      seconds * 1000 + 120_000,
    );
    return JSON.parse(lastLine) as LoadAnswer;
  };
  const paced = { seconds: settings.seconds, connections: settings.connections, rate: settings.rate };
  const p50: Record<"get" | "direct" | "list" | "search", number[]> = {
    get: [],
    direct: [],
    list: [],
    search: [],
  };
  const getP99: number[] = [];
  for (let i = 0; i < settings.runs; i++) {
    const get = await run("http", "get", paced);
    p50.get.push(get.p50Ms);
    getP99.push(get.p99Ms);
    p50.direct.push((await run("direct", "get", paced)).p50Ms);
    p50.list.push((await run("http", "list", paced)).p50Ms);
    p50.search.push((await run("http", "search", paced)).p50Ms);
  }
  const load = await run("http", "mixed", {
    seconds: settings.loadSeconds,
    connections: settings.loadConnections,
    rate: settings.rate,
  });
  const overLimit = await run("http", "mixed", {
    seconds: settings.overLimitSeconds,
    connections: settings.overLimitConnections,
  });
  return {
    rate: settings.rate,
    getP50Ms: summarize(p50.get),
    getP99Ms: summarize(getP99),
    directGetP50Ms: summarize(p50.direct),
    getLatencyRatio: pairedRatios(p50.get, p50.direct),
    listP50Ms: summarize(p50.list),
    searchP50Ms: summarize(p50.search),
    load: {
      ...load,
      seconds: settings.loadSeconds,
      connections: settings.loadConnections,
      rate: settings.rate,
    },
    overLimit: {
      ...overLimit,
      seconds: settings.overLimitSeconds,
      connections: settings.overLimitConnections,
    },
  };
}

/** A token of the sandbox's write-scoped machine client (client-credentials grant), as a script would get one. */
async function machineToken(issuerUrl: string): Promise<string> {
  const discovery = await (
    await fetch(`${issuerUrl.replace(/\/$/, "")}/.well-known/openid-configuration`)
  ).json();
  const response = await fetch(discovery.token_endpoint, {
    method: "POST",
    headers: { authorization: `Basic ${btoa("sandbox-admin-client:sandbox-admin-secret")}` },
    body: new URLSearchParams({ grant_type: "client_credentials" }),
  });
  if (response.status !== 200) throw new Error(`the sandbox issuer refused a token: HTTP ${response.status}`);
  return (await response.json()).access_token;
}

/** Creates the users one after the other: well inside the stage's burst for the route. */
async function seedUsers(url: string, token: string): Promise<string[]> {
  const usernames = Array.from({ length: SEEDED_USERS }, (_, i) => seededName(i));
  for (const username of usernames) {
    const response = await fetch(`${url}/api/users`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ username, email: `${username}@bench.example` }),
    });
    if (response.status !== 201) throw new Error(`seeding ${username} answered ${response.status}`);
  }
  return usernames;
}
