// `npm run bench [-- --quick]`: every measurement of issue 6, each beside its baseline, then the report and chart.
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { type RunningSandbox, startSandbox } from "../sandbox/sandbox";
import { type BundlesResult, measureBundles } from "./bundles";
import { FIRST_REQUESTS, measureColdStarts } from "./cold-start";
import { benchConfig } from "./config";
import { measureLoad } from "./load";
import { measureNlu } from "./nlu";
import { writeReport } from "./report";
import { attempt, type BenchResults } from "./results";
import { measureSandboxThroughput } from "./sandbox-throughput";
import { measureSynth } from "./synth";

// The pinned AWS SDK warns that its 2027 releases want Node 22; this project supports Node 20 on purpose.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

const config = benchConfig(process.argv.includes("--quick"));
const invocation = { generatedAt: new Date().toISOString(), loadAverageAtStart: loadavg() };
// Inside the project, so that the bundle without the AWS SDK resolves it from node_modules when it runs.
const scratch = new URL("../node_modules/.cache/", import.meta.url).pathname;
await mkdir(scratch, { recursive: true });
const workDir = await mkdtemp(join(scratch, "bench-"));

let sandbox: RunningSandbox | undefined;
// Ctrl-C must not leave DynamoDB Local's Java running.
const stopOnSignal = async (signal: NodeJS.Signals) => {
  console.error(`bench: ${signal}, stopping the sandbox`);
  await sandbox?.stop();
  await rm(workDir, { recursive: true, force: true });
  process.exit(130);
};
process.once("SIGINT", stopOnSignal);
process.once("SIGTERM", stopOnSignal);

try {
  const nlu = await attempt("NLU latency", () => measureNlu(config.nluPasses));
  const synth = await attempt("cdk synth", () => measureSynth(config.synthRuns, config.synthWarmUps));
  const bundles = await attempt("bundle sizes", () => measureBundles(workDir));
  const started = await attempt("sandbox start", () => startSandbox({ port: 0, logLevel: "ERROR" }));
  sandbox = started.ok ? started.value : undefined;
  // What needs the sandbox (or its DynamoDB Local) fails with the reason it could not start.
  const sandboxUrl = () => {
    if (!started.ok) throw new Error(`the sandbox did not start: ${started.error}`);
    return started.value.url;
  };
  const coldStarts = await attempt("cold starts", () => {
    sandboxUrl();
    if (!bundles.ok) throw new Error("no bundles to start");
    return measureColdStarts(
      coldStartSubjects(bundles.value),
      bundles.value.emptyHandler.path,
      config.coldStartRuns,
      workDir,
    );
  });
  const throughput = await attempt("sandbox throughput", () =>
    measureSandboxThroughput({
      sandboxUrl: sandboxUrl(),
      // startSandbox hands the handlers their settings through the environment, as Lambda does.
      tableName: process.env.USERS_TABLE_NAME ?? "",
      runs: config.throughputRuns,
      seconds: config.throughputSeconds,
      connections: config.throughputConnections,
    }),
  );
  const load = await attempt("load run", () =>
    measureLoad({
      sandboxUrl: sandboxUrl(),
      seconds: config.loadSeconds,
      connections: config.loadConnections,
    }),
  );
  const results: BenchResults = {
    generatedAt: invocation.generatedAt,
    config,
    machine: {
      node: process.version,
      cpus: cpus().length,
      loadAverageAtStart: invocation.loadAverageAtStart,
    },
    synth,
    bundles,
    coldStarts,
    throughput,
    load,
    nlu,
  };
  // Only a full run replaces the committed report; a quick one goes to the temp directory.
  const outDir = config.quick
    ? join(tmpdir(), "user-management-bench")
    : new URL("./results/", import.meta.url).pathname;
  console.log(await writeReport(results, outDir));
} finally {
  await sandbox?.stop();
  await rm(workDir, { recursive: true, force: true });
}

function coldStartSubjects(bundles: BundlesResult) {
  return {
    usersApi: { bundle: bundles.lambdas.usersApi.path, request: FIRST_REQUESTS.usersApi },
    chatbotApi: { bundle: bundles.lambdas.chatbotApi.path, request: FIRST_REQUESTS.chatbotApi },
    usersApiRuntimeSdk: { bundle: bundles.usersApiRuntimeSdk.path, request: FIRST_REQUESTS.usersApi },
  };
}
