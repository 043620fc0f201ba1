// The report's detail sections: where each headline figure comes from, and what bounds it.
import type { BundlesResult } from "./bundles";
import type { ColdStart } from "./cold-start";
import { kb, markdownTable, ms, percent, perSecond, spread, times } from "./format";
import type { LambdaBundle } from "./lambda-bundle";
import type { LoadAnswer } from "./load-child";
import type { ColdStartName } from "./results";
import type { OperationThroughput } from "./sandbox-throughput";
import type { SynthResult } from "./synth";
import type { Operation } from "./throughput-child";

/** Packages of the AWS SDK for JavaScript v3, which the Lambda Node.js runtime also provides. */
const isAwsSdk = (name: string) => name.startsWith("@aws-sdk/") || name.startsWith("@smithy/");
const TOP_PACKAGES = 12;

export function bundleDetails(bundles: BundlesResult): string {
  const { usersApi, chatbotApi } = bundles.lambdas;
  const sdkBytes = Object.entries(usersApi.bytesByPackage)
    .filter(([name]) => isAwsSdk(name))
    .reduce((sum, [, bytes]) => sum + bytes, 0);
  return [
    "## Bundles",
    `Built with esbuild exactly as lambda-http-api.ts has CDK build them. Sizes are of \`index.mjs\` (the source map is a separate file); KB = 1000 bytes.`,
    `The Users API bundle is ${kb(usersApi.bytes)}, of which the AWS SDK v3 (\`@aws-sdk/*\`, \`@smithy/*\`) is ${kb(sdkBytes)} (${percent(sdkBytes / usersApi.bytes)}). ` +
      `Left to the Lambda runtime's own SDK (\`bundleAwsSDK: false\`), the same handler bundles to ${kb(bundles.usersApiRuntimeSdk.bytes)}.`,
    "### Users API by package",
    packageTable(usersApi),
    "### Chatbot API by package",
    packageTable(chatbotApi),
    "### Users UI SPA",
    markdownTable(
      ["File", "Raw", "gzip"],
      [
        ...bundles.spa.files.map((file) => [file.path, kb(file.bytes), kb(file.gzipBytes)]),
        ["total", kb(bundles.spa.bytes), kb(bundles.spa.gzipBytes)],
      ],
    ),
  ].join("\n\n");
}

function packageTable(bundle: LambdaBundle): string {
  const sorted = Object.entries(bundle.bytesByPackage).sort(([, a], [, b]) => b - a);
  const rest = sorted.slice(TOP_PACKAGES).reduce((sum, [, bytes]) => sum + bytes, 0);
  const rows = sorted
    .slice(0, TOP_PACKAGES)
    .map(([name, bytes]) => [name, kb(bytes), percent(bytes / bundle.bytes)]);
  if (rest > 0)
    rows.push([`${sorted.length - TOP_PACKAGES} more packages`, kb(rest), percent(rest / bundle.bytes)]);
  return markdownTable(["Package", "Minified", "Share"], rows);
}

const COLD_START_LABELS: Record<ColdStartName, string> = {
  usersApi: "Users API",
  chatbotApi: "Chatbot API",
  usersApiRuntimeSdk: "Users API, runtime's SDK (not bundled)",
};

export function coldStartDetails(coldStarts: Record<ColdStartName, ColdStart>): string {
  const rows = (Object.keys(COLD_START_LABELS) as ColdStartName[]).map((name) => {
    const run = coldStarts[name];
    return [
      COLD_START_LABELS[name],
      spread(run.totalMs, ms),
      ms(run.importMs.median),
      ms(run.invokeMs.median),
      ms(run.emptyTotalMs.median),
      spread(run.ratio, times),
      String(run.status),
    ];
  });
  return [
    "## Cold init",
    "A fresh `node --enable-source-maps` process (as `NODE_OPTIONS` sets in Lambda) imports the bundle and invokes the handler once: the Users API reads a missing user from DynamoDB Local, the Chatbot API answers one message. Total = from the process's start to the first response, so Node's own start-up is in both the handler's and the empty handler's figures.",
    markdownTable(["Bundle", "Total", "Import", "First invoke", "Empty handler", "Ratio", "Status"], rows),
  ].join("\n\n");
}

export function throughputDetails(
  throughput: Record<Operation, OperationThroughput>,
  connections: number,
): string {
  const label = { get: "GET /api/users/{username}", create: "POST /api/users" } as const;
  return [
    "## Sandbox throughput",
    `Successful requests per second at ${connections} concurrent requests. Through the sandbox: autocannon → the sandbox's HTTP server → payload-v2.0 adapter → the real handler → DynamoDB Local. Direct: lib-dynamodb from its own process straight to the same DynamoDB Local, with the round trip the store makes (a consistent \`GetCommand\`; for a create, the store's \`TransactWriteCommand\` of the user item and its email claim).`,
    "Handler in-process: the same handler with the same payload-v2.0 events, called from the load generator's own process, without the HTTP hop; it splits the sandbox's overhead into the handler's part and the hop's.",
    markdownTable(
      ["Operation", "Sandbox", "Handler in-process", "Direct", "Sandbox ÷ direct", "Failed requests"],
      (["get", "create"] as const).map((operation) => [
        label[operation],
        spread(throughput[operation].sandboxPerSecond, perSecond),
        spread(throughput[operation].handlerPerSecond, perSecond),
        spread(throughput[operation].directPerSecond, perSecond),
        spread(throughput[operation].share, percent),
        String(throughput[operation].failures),
      ]),
    ),
    "Node.js CPU per successful request (DynamoDB Local's Java not included). Sandbox: the sandbox's process plus autocannon's; the others: the one process that generates the load and runs the handler or the SDK. On 2 cores shared with DynamoDB Local (and whatever else runs), CPU per request bounds the rate.",
    markdownTable(
      ["Operation", "Sandbox", "Handler in-process", "Direct"],
      (["get", "create"] as const).map((operation) => {
        const cpu = throughput[operation].cpuMsPerRequest;
        return [label[operation], spread(cpu.sandbox, ms), spread(cpu.handler, ms), spread(cpu.direct, ms)];
      }),
    ),
  ].join("\n\n");
}

export function loadDetails(load: LoadAnswer): string {
  const v = load.verification;
  const statuses = Object.entries(load.statusCounts)
    .map(([status, count]) => `${status}: ${count}`)
    .join(", ");
  return [
    "## Load run",
    `${load.connections} connections for ${load.seconds} s: reads, creates, renames with and without \`If-Match\`, email moves, and deliberate conflicts (taken usernames and emails: 409; stale \`If-Match\`: 412). The last fifth of the run only reads, so that every write is answered before the stop.`,
    markdownTable(
      ["Figure", "Value"],
      [
        ["Requests", `${load.requests} (${perSecond(load.perSecond)})`],
        [
          "Latency",
          `p50 ${ms(load.latencyMs.p50)}, p90 ${ms(load.latencyMs.p90)}, p99 ${ms(load.latencyMs.p99)}, max ${ms(load.latencyMs.max)}`,
        ],
        ["Responses by status", statuses],
        ["Connection errors / timeouts", `${load.errors} / ${load.timeouts}`],
        ["Writes in flight at the stop", String(load.writesInFlightAtStop)],
        ["Acknowledged writes (201 and 200 PATCH)", String(v.acknowledgedWrites)],
        ["Lost writes", String(v.lostWrites)],
        ["Records differing from their acknowledged state", String(v.mismatchedRecords)],
        ["Refused creates that exist anyway", String(v.phantomCreates)],
        [
          "Pool users checked exactly / within bounds",
          `${v.usersCheckedExactly} / ${v.usersCheckedWithinBounds}`,
        ],
      ],
    ),
    "The check: every update adds 1 to a user's version, so a pool user's final version must be 1 + its acknowledged updates (plus at most its writes of unknown outcome), no two acknowledged updates may report the same version, and the final record must equal the answer of the update that produced its version. Every acknowledged create must exist exactly as acknowledged; every refused create must not exist.",
  ].join("\n\n");
}

export function synthDetails(synth: SynthResult): string {
  const rows = [
    ["Wall time", spread(synth.fullMs, ms), spread(synth.bareMs, ms), spread(synth.ratio, times)],
  ];
  if (synth.cpu) {
    rows.push([
      "CPU time (CLI + app + esbuild)",
      spread(synth.cpu.fullMs, ms),
      spread(synth.cpu.bareMs, ms),
      spread(synth.cpu.ratio, times),
    ]);
  }
  const staged = Object.values(synth.stagedBundleBytes).map(kb).join(", ");
  return [
    "## cdk synth",
    "`cdk synth --app <app> --output <fresh temp dir> --quiet`: the full app (`bin/app.ts`) interleaved with `bench/fixtures/bare-app.ts` (one empty stack), with the same CLI, flags and cdk.json context (feature flags included). A fresh output directory each time, as in CI.",
    markdownTable(["", "Full app", "Bare app", "Ratio"], rows),
    `Lambda bundles CDK staged in the full synth: ${staged || "none"} (compare with the sizes above).`,
  ].join("\n\n");
}
