// Through the sandbox (HTTP server, JWT authorizer, payload-v2.0 events, the real handler, DynamoDB Local),
// signed in as the sandbox's machine client: the read's rate beside the same read sent straight to DynamoDB
// Local, list and search beside each other, interleaved run by run; then a mixed load run.
import type { RunningSandbox } from "../sandbox/sandbox";
import type { LoadAnswer, LoadInput, Workload } from "./load-child";
import { pairedRatios, runChild, type Summary, summarize } from "./measure";

/** Share of the direct read's rate the sandbox keeps. */
export const THROUGHPUT_TARGET_SHARE = 0.6;
const SEEDED_USERS = 50;
/** The seeded usernames share starts (`tp-1` finds tp-1 and tp-10…tp-19), so a search returns a page. */
const seededName = (i: number) => `tp-${i}`;

export interface SandboxFigures {
  readonly getPerSecond: Summary;
  readonly directGetPerSecond: Summary;
  /** Sandbox ÷ direct, run by run. */
  readonly getShare: Summary;
  readonly listPerSecond: Summary;
  readonly searchPerSecond: Summary;
  readonly load: LoadAnswer & { readonly seconds: number; readonly connections: number };
}

export interface SandboxLoadSettings {
  readonly runs: number;
  readonly seconds: number;
  readonly connections: number;
  readonly loadSeconds: number;
  readonly loadConnections: number;
  readonly tableName: string;
}

export async function measureSandbox(
  sandbox: RunningSandbox,
  settings: SandboxLoadSettings,
): Promise<SandboxFigures> {
  const token = await machineToken(sandbox.issuerUrl);
  const usernames = await seedUsers(sandbox.url, token);
  const run = async (mode: LoadInput["mode"], workload: Workload, seconds: number, connections: number) => {
    const input: LoadInput = {
      mode,
      workload,
      url: sandbox.url,
      token,
      dynamoDBEndpoint: sandbox.dynamoDBEndpoint,
      tableName: settings.tableName,
      usernames,
      connections,
      seconds,
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
  const rates: Record<"get" | "direct" | "list" | "search", number[]> = {
    get: [],
    direct: [],
    list: [],
    search: [],
  };
  for (let i = 0; i < settings.runs; i++) {
    rates.get.push((await run("http", "get", settings.seconds, settings.connections)).perSecond);
    rates.direct.push((await run("direct", "get", settings.seconds, settings.connections)).perSecond);
    rates.list.push((await run("http", "list", settings.seconds, settings.connections)).perSecond);
    rates.search.push((await run("http", "search", settings.seconds, settings.connections)).perSecond);
  }
  const load = await run("http", "mixed", settings.loadSeconds, settings.loadConnections);
  return {
    getPerSecond: summarize(rates.get),
    directGetPerSecond: summarize(rates.direct),
    getShare: pairedRatios(rates.get, rates.direct),
    listPerSecond: summarize(rates.list),
    searchPerSecond: summarize(rates.search),
    load: { ...load, seconds: settings.loadSeconds, connections: settings.loadConnections },
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
