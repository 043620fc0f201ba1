// Dresses a dialog turn as Amazon Lex V2's RecognizeText response.
import {
  type ChatRequest,
  type ChatResponse,
  DIALOG_ATTRIBUTES,
  type Intent,
  type Interpretation,
} from "../chat-contract";
import type { IntentName } from "../intents";
import type { Turn } from "./dialog";
import { toLexSlots } from "./slot-values";

/** Lex returns at most this many interpretations. */
const MAX_INTERPRETATIONS = 3;

export function toLexResponse(request: ChatRequest, turn: Turn): ChatResponse {
  const intent: Intent = {
    name: turn.intent,
    slots: toLexSlots(turn.intent, turn.values),
    state: turn.state,
    confirmationState: turn.confirmationState,
  };
  return {
    sessionId: request.sessionId,
    ...(request.requestAttributes && { requestAttributes: request.requestAttributes }),
    sessionState: {
      dialogAction: turn.action,
      intent,
      sessionAttributes: sessionAttributes(request, turn),
    },
    interpretations: interpretations(intent, turn),
    messages: [{ contentType: "PlainText", content: turn.message }],
  };
}

/** The client's attributes, echoed as Lex does, with the dialog's own set for this turn or cleared. */
function sessionAttributes(request: ChatRequest, turn: Turn): Readonly<Record<string, string>> {
  const attributes = Object.fromEntries(
    Object.entries(request.sessionState?.sessionAttributes ?? {}).filter(
      ([key]) => !(DIALOG_ATTRIBUTES as readonly string[]).includes(key),
    ),
  );
  return { ...attributes, ...turn.attributes };
}

/**
 * The chosen intent first, then the runners-up as the classifier ranked them, with empty slots. Lex gives
 * FallbackIntent no confidence score.
 */
function interpretations(chosen: Intent, turn: Turn): Interpretation[] {
  const score = (name: IntentName) => turn.ranking.find(({ intent }) => intent === name)?.score ?? 1;
  const interpretation = (intent: Intent, confidence: number): Interpretation =>
    intent.name === "FallbackIntent" ? { intent } : { intent, nluConfidence: { score: round(confidence) } };
  const others = turn.ranking
    .filter(({ intent }) => intent !== chosen.name)
    .slice(0, MAX_INTERPRETATIONS - 1)
    .map(({ intent, score: runnerUp }) =>
      interpretation(
        { name: intent, slots: toLexSlots(intent, {}), state: "InProgress", confirmationState: "None" },
        runnerUp,
      ),
    );
  return [interpretation(chosen, score(chosen.name)), ...others];
}

/** Lex reports confidences with two decimals. */
const round = (score: number) => Math.round(score * 100) / 100;
