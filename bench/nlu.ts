// The NLU engine's accuracy, as `npm run eval:nlu` reports it (the evaluation set and the held-out-family figure),
// and its per-utterance latency over the evaluation set, each utterance run through the evaluation's own
// `evaluateNlu` (the same `converse` the handler calls, with the dialog state the case describes).
import {
  type EvaluationReport,
  evaluateHeldOut,
  evaluateNlu,
  HELD_OUT_TARGETS,
  TARGETS,
} from "../usermanagement/chatbot-api/nlp/evaluation/evaluate";
import evaluationSet from "../usermanagement/chatbot-api/nlp/evaluation/evaluation-set.json";
import { percentile, type Summary, summarize } from "./measure";

export { HELD_OUT_TARGETS, TARGETS as EVALUATION_SET_TARGETS };

export interface NluFigures {
  /** `npm run eval:nlu`'s figures: the evaluation set on the committed model, and held-out families. */
  readonly accuracy: { readonly evaluationSet: EvaluationReport; readonly heldOut: EvaluationReport };
  readonly utterances: number;
  /** The very first utterance, which pays for loading the model. */
  readonly firstCallMs: number;
  /** One p50/p99 per timed pass over the set; the figure is their median. */
  readonly p50Ms: Summary;
  readonly p99Ms: Summary;
}

type EvaluationCases = NonNullable<Parameters<typeof evaluateNlu>[0]>;

export function measureNlu(passes: number): NluFigures {
  const cases = evaluationSet.cases as EvaluationCases;
  const first = performance.now();
  evaluateNlu(cases.slice(0, 1));
  const firstCallMs = performance.now() - first;
  timePass(cases); // warm-up: lets the JIT settle before anything is timed
  const p50: number[] = [];
  const p99: number[] = [];
  for (let pass = 0; pass < passes; pass++) {
    const timings = timePass(cases);
    p50.push(percentile(timings, 50));
    p99.push(percentile(timings, 99));
  }
  return {
    accuracy: { evaluationSet: evaluateNlu(), heldOut: evaluateHeldOut() },
    utterances: cases.length,
    firstCallMs,
    p50Ms: summarize(p50),
    p99Ms: summarize(p99),
  };
}

function timePass(cases: EvaluationCases): number[] {
  return cases.map((testCase) => {
    const started = performance.now();
    evaluateNlu([testCase]);
    return performance.now() - started;
  });
}
