// The report: one table of every figure against its baseline and target, and how each was taken.

import type { EvaluationReport } from "../usermanagement/chatbot-api/nlp/evaluation/evaluate";
import { type Bundle, LAMBDAS } from "./bundles";
import type { ColdStart, ColdStartSubject } from "./cold-start";
import { COLD_START_TARGET_RATIO } from "./cold-start";
import type { Summary } from "./measure";
import { type ModuleScore, MUTATION_SCORE_TARGET, type MutationScores, score, total } from "./mutation-score";
import { EVALUATION_SET_TARGETS, HELD_OUT_TARGETS, type NluFigures } from "./nlu";
import type { SandboxFigures } from "./sandbox-load";
import { STARTUP_BEFORE, STARTUP_TARGET_RATIO, type StartupResult } from "./startup";
import { SYNTH_TARGET_RATIO, type SynthResult } from "./synth";

/** A measurement, or why it could not be taken: one failure doesn't cost the rest of the report. */
export type Outcome<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: string };

export interface BenchResults {
  readonly generatedAt: string;
  readonly quick: boolean;
  readonly machine: { readonly node: string; readonly cpus: number; readonly loadAverage: readonly number[] };
  readonly startup: Outcome<StartupResult>;
  readonly synth: Outcome<SynthResult>;
  readonly bundles: Outcome<{
    readonly lambdas: Record<keyof typeof LAMBDAS, Bundle>;
    readonly spa: { bytes: number; gzipBytes: number };
  }>;
  readonly coldStarts: Outcome<Record<ColdStartSubject, ColdStart>>;
  readonly sandbox: Outcome<SandboxFigures>;
  readonly nlu: Outcome<NluFigures>;
  /** Read from the last `npm run mutation`, which takes too long to run with the rest. */
  readonly mutation: Outcome<MutationScores>;
}

const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`;
const ms = (value: number) => (value < 10 ? `${value.toFixed(2)} ms` : `${Math.round(value)} ms`);
const times = (ratio: number) => `${ratio.toFixed(2)}×`;
/** `median (min–max, n runs)`. */
const spread = (s: Summary, unit: (value: number) => string) =>
  s.runs === 1 ? unit(s.median) : `${unit(s.median)} (${unit(s.min)}–${unit(s.max)}, ${s.runs} runs)`;

type Row = [
  measurement: string,
  measured: string,
  baseline: string,
  result: string,
  target: string,
  met?: boolean,
];

function rows<T>(outcome: Outcome<T>, name: string, toRows: (value: T) => Row[]): Row[] {
  return outcome.ok ? toRows(outcome.value) : [[name, `failed: ${outcome.error.split("\n")[0]}`, "", "", ""]];
}

export function summaryRows(results: BenchResults): Row[] {
  const { startup, synth, bundles, coldStarts, sandbox, nlu, mutation } = results;
  return [
    ...rows(startup, "npm start", ({ cachedMs, uncachedMs }) => [
      [
        "npm start, time to ready (assembly cached) vs before the sandbox ran the assembly",
        spread(cachedMs, ms),
        spread(STARTUP_BEFORE, ms),
        times(cachedMs.median / STARTUP_BEFORE.median),
        `≤ ${times(STARTUP_TARGET_RATIO)}`,
        cachedMs.median / STARTUP_BEFORE.median <= STARTUP_TARGET_RATIO,
      ],
      [
        "npm start, time to ready after a change (synth included)",
        ms(uncachedMs),
        spread(STARTUP_BEFORE, ms),
        times(uncachedMs / STARTUP_BEFORE.median),
        "",
      ],
    ]),
    ...rows(synth, "cdk synth", ({ wallMs, cpuMs }) => [
      [
        "cdk synth, full app vs bare app (wall)",
        spread(wallMs.full, ms),
        spread(wallMs.bare, ms),
        spread(wallMs.ratio, times),
        `≤ ${times(SYNTH_TARGET_RATIO)}`,
        wallMs.ratio.median <= SYNTH_TARGET_RATIO,
      ],
      ...(cpuMs
        ? [
            [
              "cdk synth, full app vs bare app (CPU)",
              spread(cpuMs.full, ms),
              spread(cpuMs.bare, ms),
              spread(cpuMs.ratio, times),
              "",
            ] as Row,
          ]
        : []),
    ]),
    ...rows(bundles, "bundles", ({ lambdas, spa }) => [
      ...(["usersApi", "chatbotApi"] as const).map((name): Row => {
        const { bytes, sdkBytes } = lambdas[name];
        const budget = LAMBDAS[name].budget;
        return [
          `${LAMBDAS[name].label} bundle (minified)`,
          `${kb(bytes)}, AWS SDK ${kb(sdkBytes)}`,
          "",
          kb(bytes),
          `≤ ${kb(budget)}`,
          bytes <= budget,
        ];
      }),
      [
        "Users API bundle with the runtime's SDK (not deployed)",
        kb(lambdas.usersApiRuntimeSdk.bytes),
        "",
        kb(lambdas.usersApiRuntimeSdk.bytes),
        "",
      ],
      ["Users UI SPA (JS + CSS + HTML)", `${kb(spa.bytes)} raw`, "", `${kb(spa.gzipBytes)} gzip`, ""],
    ]),
    ...rows(coldStarts, "cold starts", (starts) =>
      (["usersApi", "usersApiRuntimeSdk", "chatbotApi"] as const).flatMap((name): Row[] => {
        const { totalMs, emptyMs, vsEmpty, getItem, status } = starts[name];
        // The target is the Users API's as deployed; the runtime-SDK variant is the design not taken.
        const target = name === "usersApi";
        const label = `${LAMBDAS[name].label} cold init + first reply (${status})`;
        return [
          ...(getItem
            ? [
                [
                  `${label} vs one GetItem`,
                  spread(totalMs, ms),
                  spread(getItem.totalMs, ms),
                  spread(getItem.ratio, times),
                  target ? `≤ ${times(COLD_START_TARGET_RATIO)}` : "",
                  target ? getItem.ratio.median <= COLD_START_TARGET_RATIO : undefined,
                ] as Row,
              ]
            : []),
          [
            `${label} vs empty handler`,
            spread(totalMs, ms),
            spread(emptyMs, ms),
            spread(vsEmpty, times),
            name === "chatbotApi" ? `≤ ${times(CHATBOT_COLD_START_TARGET_RATIO)}` : "",
            name === "chatbotApi" ? vsEmpty.median <= CHATBOT_COLD_START_TARGET_RATIO : undefined,
          ],
        ];
      }),
    ),
    ...rows(sandbox, "sandbox", (figures) => {
      const count = (answer: { statusCounts: Record<string, number> }, from: number, to = from + 99) =>
        Object.entries(answer.statusCounts)
          .filter(([status]) => Number(status) >= from && Number(status) <= to)
          .reduce((sum, [, n]) => sum + n, 0);
      const statuses = (answer: { statusCounts: Record<string, number> }) =>
        Object.entries(answer.statusCounts)
          .map(([status, n]) => `${status}: ${n}`)
          .join(", ");
      const { load, overLimit } = figures;
      return [
        [
          `Sandbox GET /api/users/{username} at ${figures.rate}/s vs direct GetItem at ${figures.rate}/s (p50)`,
          `${spread(figures.getP50Ms, ms)}, p99 ${ms(figures.getP99Ms.median)}`,
          spread(figures.directGetP50Ms, ms),
          spread(figures.getLatencyRatio, times),
          "",
        ],
        [
          `Sandbox search vs plain list at ${figures.rate}/s (p50, a page of 10)`,
          spread(figures.searchP50Ms, ms),
          spread(figures.listP50Ms, ms),
          times(figures.searchP50Ms.median / figures.listP50Ms.median),
          "",
        ],
        [
          `Load ${load.seconds} s at ${load.rate}/s, ${load.connections} connections: 5xx and 429`,
          `${load.requests} requests (${statuses(load)}), p50 ${ms(load.p50Ms)}, p99 ${ms(load.p99Ms)}, ${load.errors} errors`,
          "",
          `${count(load, 500)} 5xx, ${count(load, 429, 429)} 429`,
          "0",
          count(load, 500) === 0 && count(load, 429, 429) === 0 && load.errors === 0,
        ],
        [
          `Past the limits: ${overLimit.seconds} s, ${overLimit.connections} connections, no rate set`,
          `${overLimit.requests} requests (${statuses(overLimit)}), p50 ${ms(overLimit.p50Ms)}, ${overLimit.errors} errors`,
          "",
          `${count(overLimit, 429, 429)} 429, ${count(overLimit, 500)} 5xx`,
          "",
        ],
      ];
    }),
    ...rows(nlu, "NLU", (figures) => [
      [
        `NLU per utterance (${figures.utterances} utterances; first call ${ms(figures.firstCallMs)})`,
        `p50 ${spread(figures.p50Ms, ms)}`,
        "",
        `p99 ${spread(figures.p99Ms, ms)}`,
        `p50 ≤ ${ms(NLU_P50_TARGET_MS)}`,
        figures.p50Ms.median <= NLU_P50_TARGET_MS,
      ],
      ...accuracyRows("NLU evaluation set", figures.accuracy.evaluationSet, EVALUATION_SET_TARGETS),
      ...accuracyRows("NLU held-out families", figures.accuracy.heldOut, HELD_OUT_TARGETS),
    ]),
    ...rows(mutation, "Mutation score", ({ generatedAt, modules }) => [
      mutationRow(`all rule modules (npm run mutation, ${generatedAt.slice(0, 10)})`, total(modules)),
      ...modules.map((module) => mutationRow(module.module, module)),
    ]),
  ];
}

function mutationRow(name: string, module: ModuleScore): Row {
  const caught = module.killed + module.timedOut;
  const all = caught + module.survived + module.noCoverage;
  // One decimal: a score just under the target must not print as the target.
  const share = (value: number) => `${(value * 100).toFixed(1)} %`;
  return [
    `Mutation score, ${name}`,
    `${caught} of ${all} mutants caught`,
    "",
    share(score(module)),
    `≥ ${share(MUTATION_SCORE_TARGET)}`,
    score(module) >= MUTATION_SCORE_TARGET,
  ];
}

/** The Chatbot API's budgets: its cold start against the empty handler's, and its latency per utterance. */
const CHATBOT_COLD_START_TARGET_RATIO = 1.7;
const NLU_P50_TARGET_MS = 0.2;

/** Intent, slots and off-topic rejection of one NLU evaluation, each against its target. */
type AccuracyTargets = Readonly<Record<"intentAccuracy" | "slotExactMatch" | "offTopicRejection", number>>;

function accuracyRows(name: string, report: EvaluationReport, targets: AccuracyTargets): Row[] {
  return (
    [
      ["intent accuracy", report.intentAccuracy, targets.intentAccuracy],
      ["slot exact-match", report.slotExactMatch, targets.slotExactMatch],
      ["off-topic rejected", report.offTopicRejection, targets.offTopicRejection],
    ] as const
  ).map(
    ([figure, value, target]): Row => [
      `${name}: ${figure} (${report.cases} cases)`,
      oneDecimal(value),
      "",
      oneDecimal(value),
      `≥ ${oneDecimal(target)}`,
      value >= target,
    ],
  );
}

const oneDecimal = (share: number) => `${(share * 100).toFixed(1)} %`;

const HOW = `## How each figure is taken

- **npm start**: \`PORT=0 npm start\` until its "ready at" line, then SIGTERM; once with the synthesized assembly removed from \`node_modules/.cache/sandbox-assembly\` (the synth in the start), then with it cached. The baseline is the start before the sandbox ran the assembly (it built the SPA and imported the handlers), three runs on this machine on 2026-12-07.
- **cdk synth**: \`cdk synth --app <app> --output <fresh dir> --quiet\`, the full app (\`bin/app.ts\`, cdk-nag and CDK's template validation included) interleaved with \`bench/fixtures/bare-app.ts\` (one empty stack), same CLI and cdk.json context. CPU is the CLI's, the app's and everything they start.
- **Bundles**: built by \`bundleLambda\` (lambda-bundling.ts), the function CDK stages them with. KB = 1000 bytes.
- **Cold start**: a fresh \`node --enable-source-maps\` process imports the bundle and answers one request through the sandbox's API Gateway model (the Users API: a read of a missing user; the Chatbot API: one message); from the process's start to the reply. Floors, run by run: the empty handler, and one consistent GetItem with the same bundled SDK.
- **Sandbox**: autocannon in its own process, signed in with a client-credentials token of the sandbox's \`sandbox-admin-client\`, at a set rate on 8 connections, inside the stage's throttling (50 requests per second per route, from the template) and a new account's Lambda concurrency of 10, which the sandbox imitates; direct = the store's consistent GetItem from its own process to the same DynamoDB Local, at the same rate. Search = \`?search=tp-1&limit=10\` (eleven users by username and address, one Query of the search index), list = \`?limit=10\`. The load run mixes reads, lists, searches, creates, renames and deliberate conflicts (409) at that rate; the run past the limits sends the same mix as fast as 50 connections go and counts the stage's 429s and Lambda's throttles (API Gateway's 500) apart.
- **Mutation score**: what the last \`npm run mutation\` wrote to \`bench/results/mutation.json\` (its date is on the first row): StrykerJS plants one small fault at a time (an operator, a condition, a literal) in each rule module named in \`stryker.config.mjs\` and runs the fast unit tests of \`vitest.mutation.config.ts\` that reach it; a fault is caught when a test fails or hangs. Too slow to run with the rest.
- **NLU**: each evaluation utterance through \`evaluateNlu\`, passes after a warm-up pass; each pass gives a p50 and a p99. Accuracy is \`npm run eval:nlu\`'s: the evaluation set on the committed model, and held-out families (each phrasing family of the corpus put to a model trained without it; clarifying questions count as misses).`;

export function renderReport(results: BenchResults): string {
  const line = (cells: readonly string[]) => `| ${cells.join(" | ")} |`;
  const header = ["Measurement", "Measured", "Baseline", "Result", "Target", "Met"];
  const table = [
    line(header),
    line(header.map(() => "---")),
    ...summaryRows(results).map(([m, measured, baseline, result, target, met]) =>
      line([m, measured, baseline, result, target, met === undefined ? "" : met ? "yes" : "**no**"]),
    ),
  ].join("\n");
  const { machine } = results;
  return [
    "# Benchmark results",
    `Written by \`npm run bench${results.quick ? ":quick" : ""}\` at ${results.generatedAt} on Node ${machine.node}, ${machine.cpus} CPUs (load average at start ${machine.loadAverage.map((load) => load.toFixed(1)).join(" / ")}). Each figure is the median (min–max) of several runs; ratios are taken run by run against the baseline run next to it. Absolute times belong to this machine; the ratios are the point.`,
    table,
    HOW,
  ]
    .join("\n\n")
    .concat("\n");
}
