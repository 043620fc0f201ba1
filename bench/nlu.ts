// Per-utterance latency of the NLU engine over its evaluation set, each utterance run through the evaluation's
// own `evaluateNlu` (the same `converse` the handler calls, with the dialog state the case describes).
import { evaluateNlu } from "../usermanagement/chatbot-api/nlp/evaluation/evaluate";
import evaluationSet from "../usermanagement/chatbot-api/nlp/evaluation/evaluation-set.json";
import { percentile, type Summary, summarize } from "./measure";

export interface NluLatency {
  readonly utterances: number;
  /** The very first utterance, which pays for loading the model. */
  readonly firstCallMs: number;
  /** One p50/p99 per timed pass over the set; the figure is their median. */
  readonly p50Ms: Summary;
  readonly p99Ms: Summary;
}

type EvaluationCases = NonNullable<Parameters<typeof evaluateNlu>[0]>;

export function measureNlu(passes: number): NluLatency {
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
  return { utterances: cases.length, firstCallMs, p50Ms: summarize(p50), p99Ms: summarize(p99) };
}

function timePass(cases: EvaluationCases): number[] {
  return cases.map((testCase) => {
    const started = performance.now();
    evaluateNlu([testCase]);
    return performance.now() - started;
  });
}
