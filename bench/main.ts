// `npm run bench` (full, writes bench/results/latest.md) or `npm run bench:quick` (a fast check, to a temp dir):
// every figure the README reports, each beside its baseline.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { LOCAL_AWS_SETTINGS } from "../sandbox/dynamodb/dynamodb-local";
import { type RunningSandbox, startSandbox } from "../sandbox/sandbox";
import { measureBundles } from "./bundles";
import { measureColdStarts } from "./cold-start";
import { readMutationScores } from "./mutation-score";
import { measureNlu } from "./nlu";
import { type BenchResults, type Outcome, renderReport } from "./report";
import { measureSandbox } from "./sandbox-load";
import { measureStartup } from "./startup";
import { measureSynth } from "./synth";

// The pinned AWS SDK warns that its 2027 releases want Node 22; this project supports Node 20 on purpose.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

const quick = process.argv.includes("--quick");
const runs = quick
  ? {
      startup: 1,
      synth: 2,
      coldStart: 3,
      throughput: 1,
      seconds: 3,
      loadSeconds: 5,
      overLimitSeconds: 3,
      nlu: 3,
    }
  : {
      startup: 5,
      synth: 5,
      coldStart: 9,
      throughput: 5,
      seconds: 10,
      loadSeconds: 30,
      overLimitSeconds: 10,
      nlu: 15,
    };

async function attempt<T>(name: string, measure: () => T | Promise<T>): Promise<Outcome<T>> {
  console.error(`bench: ${name}…`);
  try {
    return { ok: true, value: await measure() };
  } catch (error) {
    console.error(`bench: ${name} failed:`, error);
    return { ok: false, error: String((error as Error).message ?? error) };
  }
}

const loadAverage = loadavg();
// Inside the project: a bundle resolves nothing from outside it, as in Lambda.
mkdirSync(new URL("../node_modules/.cache/", import.meta.url).pathname, { recursive: true });
const workDir = mkdtempSync(new URL("../node_modules/.cache/bench-", import.meta.url).pathname);
let sandbox: RunningSandbox | undefined;
// Ctrl-C must not leave DynamoDB Local's Java running.
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, async () => {
    await sandbox?.stop();
    rmSync(workDir, { recursive: true, force: true });
    process.exit(130);
  });
}

try {
  const nlu = await attempt("NLU latency", () => measureNlu(runs.nlu));
  const startup = await attempt("npm start", () => measureStartup(runs.startup));
  const synth = await attempt("cdk synth", () => measureSynth(runs.synth));
  const bundles = await attempt("bundles", () => measureBundles(workDir));
  const started = await attempt("sandbox", () => startSandbox({ port: 0 }));
  sandbox = started.ok ? started.value : undefined;
  const running = () => {
    if (!started.ok) throw new Error(`the sandbox did not start: ${started.error}`);
    return started.value;
  };
  /** The Users table, under the name the sandbox gave it as CloudFormation would. */
  const tableName = () => {
    const [table] = running().deployment.resourcesOfType("AWS::DynamoDB::Table");
    if (!table) throw new Error("the sandbox runs no table");
    return table.physicalId;
  };
  const coldStarts = await attempt("cold starts", () => {
    if (!bundles.ok) throw new Error("no bundles to start");
    const env = {
      ...process.env,
      ...LOCAL_AWS_SETTINGS,
      USERS_TABLE_NAME: tableName(),
      AWS_ENDPOINT_URL_DYNAMODB: running().dynamoDBEndpoint,
    };
    return measureColdStarts(bundles.value, runs.coldStart, workDir, env);
  });
  const sandboxFigures = await attempt("sandbox throughput and load", () =>
    measureSandbox(running(), {
      runs: runs.throughput,
      seconds: runs.seconds,
      // Inside the limits the templates and the account set: the stage's 50 requests per second per route, and
      // Lambda's concurrency of 10 in a new account (the sandbox's, SANDBOX_ACCOUNT_CONCURRENCY_LIMIT), which
      // more connections than that, each free to send at once, would exceed in AWS as in the sandbox.
      connections: 8,
      rate: 40,
      loadSeconds: runs.loadSeconds,
      loadConnections: 8,
      overLimitSeconds: runs.overLimitSeconds,
      overLimitConnections: 50,
    }),
  );
  const results: BenchResults = {
    generatedAt: new Date().toISOString(),
    quick,
    machine: { node: process.version, cpus: cpus().length, loadAverage },
    startup,
    synth,
    bundles,
    coldStarts,
    sandbox: sandboxFigures,
    nlu,
    mutation: await attempt("mutation scores of the last npm run mutation", () => readMutationScores()),
  };
  // Only a full run replaces the committed report.
  const outDir = quick
    ? join(tmpdir(), "user-management-bench")
    : new URL("./results/", import.meta.url).pathname;
  mkdirSync(outDir, { recursive: true });
  const report = renderReport(results);
  writeFileSync(join(outDir, "latest.md"), report);
  console.log(`${report.split("\n\n")[2]}\n\nReport: ${join(outDir, "latest.md")}`);
} finally {
  await sandbox?.stop();
  rmSync(workDir, { recursive: true, force: true });
}
