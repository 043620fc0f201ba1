// Measures the NLU engine on the held-out evaluation set, through the same `converse` the handler calls.
// `npm run eval:nlu` prints the figures and every miss; the evaluation test asserts the targets.
import { pathToFileURL } from "node:url";
import type { ChatRequest } from "../runtime/chat-contract";
import { converse } from "../runtime/converse";
import { type ElicitingIntentName, INTENT_SLOTS, type IntentName, type SlotName } from "../runtime/intents";
import evaluationSet from "./evaluation-set.json";

interface EvaluationCase {
  readonly text: string;
  readonly intent: IntentName;
  /** Expected interpretedValue of each filled slot; unlisted slots must be empty. */
  readonly slots: Readonly<Partial<Record<SlotName, string>>>;
  /** The question the bot asked in the previous turn. */
  readonly after?: {
    readonly intent: ElicitingIntentName;
    readonly slotToElicit: SlotName;
    readonly slots: Readonly<Partial<Record<SlotName, string>>>;
  };
}

export interface Miss {
  readonly text: string;
  readonly expected: string;
  readonly actual: string;
}

export interface EvaluationReport {
  readonly cases: number;
  /** Share of cases whose intent was recognised, off-topic ones included. */
  readonly intentAccuracy: number;
  /** Share of cases of intents with slots whose slots all came out exactly as expected. */
  readonly slotExactMatch: number;
  /** Share of off-topic cases answered with FallbackIntent. */
  readonly offTopicRejection: number;
  readonly misses: readonly Miss[];
}

export const TARGETS = { intentAccuracy: 0.95, slotExactMatch: 0.95, offTopicRejection: 0.95 } as const;

export function evaluateNlu(
  cases: readonly EvaluationCase[] = evaluationSet.cases as EvaluationCase[],
): EvaluationReport {
  const misses: Miss[] = [];
  let intentHits = 0;
  let slotCases = 0;
  let slotHits = 0;
  let offTopicCases = 0;
  let offTopicHits = 0;
  for (const testCase of cases) {
    const response = converse(toRequest(testCase));
    const intent = response.sessionState.intent;
    const slots = describeSlots(testCase.intent, (slot) => intent.slots[slot]?.value.interpretedValue);
    const expectedSlots = describeSlots(testCase.intent, (slot) => testCase.slots[slot]);
    const intentHit = intent.name === testCase.intent;
    const slotHit = intentHit && slots === expectedSlots;
    intentHits += Number(intentHit);
    if (INTENT_SLOTS[testCase.intent].length > 0) {
      slotCases++;
      slotHits += Number(slotHit);
    }
    if (testCase.intent === "FallbackIntent") {
      offTopicCases++;
      offTopicHits += Number(intentHit);
    }
    if (!slotHit) {
      misses.push({
        text: testCase.text,
        expected: `${testCase.intent} ${expectedSlots}`,
        actual: `${intent.name} ${slots}`,
      });
    }
  }
  return {
    cases: cases.length,
    intentAccuracy: share(intentHits, cases.length),
    slotExactMatch: share(slotHits, slotCases),
    offTopicRejection: share(offTopicHits, offTopicCases),
    misses,
  };
}

/** `hits` of `total`; with nothing to get right, nothing was got wrong. */
const share = (hits: number, total: number) => (total === 0 ? 1 : hits / total);

function toRequest(testCase: EvaluationCase): ChatRequest {
  const after = testCase.after;
  if (!after) return { sessionId: "evaluation", text: testCase.text };
  const slots = Object.fromEntries(
    INTENT_SLOTS[after.intent].map((slot) => {
      const value = after.slots[slot];
      return [slot, value ? { value: { originalValue: value, interpretedValue: value } } : null];
    }),
  );
  return {
    sessionId: "evaluation",
    text: testCase.text,
    sessionState: {
      dialogAction: { type: "ElicitSlot", slotToElicit: after.slotToElicit },
      intent: { name: after.intent, slots, state: "InProgress", confirmationState: "None" },
    },
  };
}

/** `{username=bob, email=-}`: every slot of the intent in a fixed order, so that strings compare exactly. */
function describeSlots(intent: IntentName, slotValue: (slot: SlotName) => string | undefined): string {
  return `{${INTENT_SLOTS[intent].map((slot) => `${slot}=${slotValue(slot) ?? "-"}`).join(", ")}}`;
}

const percent = (share: number) => `${(share * 100).toFixed(1)} %`;

function printReport(report: EvaluationReport): boolean {
  for (const miss of report.misses) {
    console.log(`miss: ${JSON.stringify(miss.text)}\n  expected ${miss.expected}\n  got      ${miss.actual}`);
  }
  const lines = [
    ["intent accuracy", report.intentAccuracy, TARGETS.intentAccuracy],
    ["slot exact-match", report.slotExactMatch, TARGETS.slotExactMatch],
    ["off-topic rejected", report.offTopicRejection, TARGETS.offTopicRejection],
  ] as const;
  console.log(`\n${report.cases} evaluation cases`);
  for (const [label, value, target] of lines) {
    console.log(`${label.padEnd(20)} ${percent(value).padStart(8)}  (target ≥ ${percent(target)})`);
  }
  return lines.every(([, value, target]) => value >= target);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  process.exitCode = printReport(evaluateNlu()) ? 0 : 1;
}
