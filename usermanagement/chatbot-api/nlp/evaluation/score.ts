// Scores chat turns against labelled cases: the intent, the slots, and off-topic text rejected, overall and
// per intent. Both evaluations (`evaluate.ts`, `held-out-families.ts`) score through here.
import type { ChatRequest } from "../runtime/chat-contract";
import type { Converse } from "../runtime/converse";
import {
  type ElicitingIntentName,
  INTENT_NAMES,
  INTENT_SLOTS,
  type IntentName,
  type SlotName,
} from "../runtime/intents";

export interface EvaluationCase {
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

export interface Figures {
  readonly cases: number;
  /** Share of cases whose intent was recognised (and acted on, not asked about), off-topic ones included. */
  readonly intentAccuracy: number;
  /** Share of cases of intents with slots whose slots all came out exactly as expected. */
  readonly slotExactMatch: number;
}

export interface EvaluationReport extends Figures {
  /** Share of off-topic cases answered with FallbackIntent. */
  readonly offTopicRejection: number;
  /** Cases the bot answered with a clarifying question instead of acting: honest, but a miss. */
  readonly clarified: number;
  readonly perIntent: Readonly<Partial<Record<IntentName, Figures>>>;
  readonly misses: readonly Miss[];
}

/** The evaluation measures understanding, so its operator may do everything: an admin. */
const OPERATOR = { mayChangeUsers: true };

interface Tally {
  cases: number;
  intentHits: number;
  slotCases: number;
  slotHits: number;
}

/** `converseFor` gives the engine a case is put to: one for all, or one trained without the case's family. */
export function scoreCases(
  cases: readonly EvaluationCase[],
  converseFor: (testCase: EvaluationCase) => Converse,
): EvaluationReport {
  const overall = emptyTally();
  const perIntent = new Map<IntentName, Tally>();
  const misses: Miss[] = [];
  let clarified = 0;
  for (const testCase of cases) {
    const response = converseFor(testCase)(toRequest(testCase), OPERATOR);
    const intent = response.sessionState.intent;
    // A clarifying question (ElicitIntent about a real intent) did not act on the request.
    const asked =
      response.sessionState.dialogAction.type === "ElicitIntent" && intent.name !== "FallbackIntent";
    clarified += Number(asked);
    const slots = describeSlots(testCase.intent, (slot) => intent.slots[slot]?.value.interpretedValue);
    const expectedSlots = describeSlots(testCase.intent, (slot) => testCase.slots[slot]);
    const intentHit = intent.name === testCase.intent && !asked;
    const slotHit = intentHit && slots === expectedSlots;
    const intentTally = perIntent.get(testCase.intent) ?? emptyTally();
    perIntent.set(testCase.intent, intentTally);
    for (const tally of [overall, intentTally]) {
      tally.cases++;
      tally.intentHits += Number(intentHit);
      if (INTENT_SLOTS[testCase.intent].length > 0) {
        tally.slotCases++;
        tally.slotHits += Number(slotHit);
      }
    }
    if (!slotHit) {
      misses.push({
        text: testCase.text,
        expected: `${testCase.intent} ${expectedSlots}`,
        actual: `${asked ? "asked which: " : ""}${intent.name} ${slots}`,
      });
    }
  }
  const offTopic = perIntent.get("FallbackIntent");
  return {
    ...figures(overall),
    offTopicRejection: offTopic ? share(offTopic.intentHits, offTopic.cases) : 1,
    clarified,
    perIntent: Object.fromEntries(
      INTENT_NAMES.flatMap((name) => {
        const tally = perIntent.get(name);
        return tally ? [[name, figures(tally)]] : [];
      }),
    ),
    misses,
  };
}

const emptyTally = (): Tally => ({ cases: 0, intentHits: 0, slotCases: 0, slotHits: 0 });

const figures = (tally: Tally): Figures => ({
  cases: tally.cases,
  intentAccuracy: share(tally.intentHits, tally.cases),
  slotExactMatch: share(tally.slotHits, tally.slotCases),
});

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
