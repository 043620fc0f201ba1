// `npm run eval:nlu`: two figures for the NLU engine, both through the same `converse` the handler runs.
// - The evaluation set: utterances written apart from the corpus, put to the committed model.
// - Held-out families: each phrasing family of the corpus put to a model trained without it
//   (`held-out-families.ts`), which predicts better how the engine copes with what a new operator types.
// It prints both, per intent, and every miss of the evaluation set; the evaluation test asserts the targets.
import { pathToFileURL } from "node:url";
import { converse } from "../runtime/converse";
import { INTENT_NAMES, INTENT_SLOTS } from "../runtime/intents";
import corpus from "../training/corpus.json";
import evaluationSet from "./evaluation-set.json";
import { evaluateHeldOutFamilies } from "./held-out-families";
import { type EvaluationCase, type EvaluationReport, scoreCases } from "./score";

export type { EvaluationCase, EvaluationReport } from "./score";

export const TARGETS = { intentAccuracy: 0.95, slotExactMatch: 0.95, offTopicRejection: 0.95 } as const;
export const HELD_OUT_TARGETS = {
  intentAccuracy: 0.97,
  slotExactMatch: 0.97,
  offTopicRejection: 0.95,
} as const;

export function evaluateNlu(
  cases: readonly EvaluationCase[] = evaluationSet.cases as EvaluationCase[],
): EvaluationReport {
  return scoreCases(cases, () => converse);
}

export const evaluateHeldOut = () => evaluateHeldOutFamilies(corpus);

const percent = (share: number) => `${(share * 100).toFixed(1)} %`;

function printReport(
  title: string,
  report: EvaluationReport,
  targets: typeof HELD_OUT_TARGETS | typeof TARGETS,
) {
  console.log(`\n${title}`);
  const lines = [
    ["intent accuracy", report.intentAccuracy, targets.intentAccuracy],
    ["slot exact-match", report.slotExactMatch, targets.slotExactMatch],
    ["off-topic rejected", report.offTopicRejection, targets.offTopicRejection],
  ] as const;
  for (const [label, value, target] of lines) {
    console.log(`  ${label.padEnd(20)} ${percent(value).padStart(8)}  (target ≥ ${percent(target)})`);
  }
  console.log(`  asked to clarify     ${String(report.clarified).padStart(8)}  (counted as misses)`);
  console.log(
    `  ${"per intent".padEnd(16)} ${"cases".padStart(5)} ${"intent".padStart(8)} ${"slots".padStart(8)}`,
  );
  for (const name of INTENT_NAMES) {
    const figures = report.perIntent[name];
    if (!figures) continue;
    const slots = INTENT_SLOTS[name].length > 0 ? percent(figures.slotExactMatch) : "";
    console.log(
      `  ${name.padEnd(16)} ${String(figures.cases).padStart(5)} ${percent(figures.intentAccuracy).padStart(8)} ${slots.padStart(8)}`,
    );
  }
  return lines.every(([, value, target]) => value >= target);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const today = evaluateNlu();
  const heldOut = evaluateHeldOut();
  for (const miss of today.misses) {
    console.log(`miss: ${JSON.stringify(miss.text)}\n  expected ${miss.expected}\n  got      ${miss.actual}`);
  }
  if (process.argv.includes("--held-out-misses")) {
    for (const miss of heldOut.misses) {
      console.log(
        `held-out miss: ${JSON.stringify(miss.text)}\n  expected ${miss.expected}\n  got      ${miss.actual}`,
      );
    }
  }
  const todayMet = printReport(`Evaluation set: ${today.cases} cases, committed model`, today, TARGETS);
  const heldOutMet = printReport(
    `Held-out families: ${heldOut.cases} corpus templates in ${heldOut.families} families, each put to a model trained without its family`,
    heldOut,
    HELD_OUT_TARGETS,
  );
  process.exitCode = todayMet && heldOutMet ? 0 : 1;
}
