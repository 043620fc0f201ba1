// The headline table: each figure beside its baseline and its target, and whether the target is met.
import { LAMBDAS } from "./bundles";
import { COLD_START_TARGET_RATIO } from "./cold-start";
import { kb, ms, percent, perSecond, spread, times } from "./format";
import type { BenchResults, Outcome } from "./results";
import { THROUGHPUT_TARGET_SHARE } from "./sandbox-throughput";
import { SYNTH_TARGET_RATIO } from "./synth";

export interface SummaryRow {
  readonly measurement: string;
  readonly measured: string;
  readonly baseline: string;
  readonly result: string;
  readonly target: string;
  /** `undefined` when the figure has no target, or could not be measured. */
  readonly met?: boolean;
}

export const SUMMARY_HEADER = ["Measurement", "Measured", "Baseline", "Result", "Target", "Met"] as const;

export function summaryRows(results: BenchResults): SummaryRow[] {
  return [
    ...rowsOf(results.synth, "cdk synth", (synth) => [
      {
        measurement: "cdk synth, full app vs bare app",
        measured: spread(synth.fullMs, ms),
        baseline: spread(synth.bareMs, ms),
        result: spread(synth.ratio, times),
        target: `≤ ${times(SYNTH_TARGET_RATIO)}`,
        met: synth.ratio.median <= SYNTH_TARGET_RATIO,
      },
    ]),
    ...rowsOf(results.bundles, "bundles", (bundles) => [
      ...(["usersApi", "chatbotApi"] as const).map((name) => ({
        measurement: `${LAMBDAS[name].label} bundle (minified)`,
        measured: kb(bundles.lambdas[name].bytes),
        baseline: "",
        result: kb(bundles.lambdas[name].bytes),
        target: `≤ ${kb(LAMBDAS[name].budgetBytes)}`,
        met: bundles.lambdas[name].bytes <= LAMBDAS[name].budgetBytes,
      })),
      {
        measurement: "Users UI SPA (JS + CSS + HTML)",
        measured: `${kb(bundles.spa.bytes)} raw`,
        baseline: "",
        result: `${kb(bundles.spa.gzipBytes)} gzip`,
        target: "",
      },
    ]),
    ...rowsOf(results.coldStarts, "cold starts", (coldStarts) =>
      (["usersApi", "chatbotApi"] as const).map((name) => ({
        measurement: `${LAMBDAS[name].label} cold init vs empty handler`,
        measured: spread(coldStarts[name].totalMs, ms),
        baseline: spread(coldStarts[name].emptyTotalMs, ms),
        result: spread(coldStarts[name].ratio, times),
        target: `≤ ${times(COLD_START_TARGET_RATIO)}`,
        met: coldStarts[name].ratio.median <= COLD_START_TARGET_RATIO,
      })),
    ),
    ...rowsOf(results.throughput, "sandbox throughput", (throughput) =>
      (["get", "create"] as const).map((operation) => ({
        measurement: `Sandbox ${operation === "get" ? "GET /api/users/{username}" : "POST /api/users"} vs direct`,
        measured: spread(throughput[operation].sandboxPerSecond, perSecond),
        baseline: spread(throughput[operation].directPerSecond, perSecond),
        result: spread(throughput[operation].share, percent),
        target: `≥ ${percent(THROUGHPUT_TARGET_SHARE)}`,
        met: throughput[operation].share.median >= THROUGHPUT_TARGET_SHARE,
      })),
    ),
    ...rowsOf(results.load, "load run", (load) => {
      const serverErrors = Object.entries(load.statusCounts)
        .filter(([status]) => Number(status) >= 500)
        .reduce((sum, [, count]) => sum + count, 0);
      const { lostWrites, mismatchedRecords, phantomCreates, acknowledgedWrites } = load.verification;
      return [
        {
          measurement: `Load ${load.seconds} s at ${load.connections} connections: 5xx`,
          measured: `${load.requests} requests, p50 ${ms(load.latencyMs.p50)}, p99 ${ms(load.latencyMs.p99)}`,
          baseline: "",
          result: String(serverErrors),
          target: "0",
          met: serverErrors === 0,
        },
        {
          measurement: "Load: lost writes",
          measured: `${acknowledgedWrites} acknowledged writes checked`,
          baseline: "",
          result: `${lostWrites} lost, ${mismatchedRecords} mismatched, ${phantomCreates} phantom`,
          target: "0",
          met: lostWrites + mismatchedRecords + phantomCreates === 0,
        },
      ];
    }),
    ...rowsOf(results.nlu, "NLU", (nlu) => [
      {
        measurement: `NLU per utterance (${nlu.utterances} utterances)`,
        measured: `p50 ${spread(nlu.p50Ms, ms)}`,
        baseline: "",
        result: `p99 ${spread(nlu.p99Ms, ms)}`,
        target: "",
      },
    ]),
  ];
}

function rowsOf<T>(outcome: Outcome<T>, name: string, rows: (value: T) => SummaryRow[]): SummaryRow[] {
  if (outcome.ok) return rows(outcome.value);
  return [
    {
      measurement: name,
      measured: `failed: ${outcome.error.split("\n")[0]}`,
      baseline: "",
      result: "",
      target: "",
    },
  ];
}

export const summaryCells = (row: SummaryRow) => [
  row.measurement,
  row.measured,
  row.baseline,
  row.result,
  row.target,
  row.met === undefined ? "" : row.met ? "yes" : "**no**",
];
