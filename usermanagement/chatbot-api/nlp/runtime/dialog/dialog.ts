// The dialog, Lex-style and stateless: the client sends back the session state of the previous answer, which
// says whether the bot was waiting for a yes/no, a slot, a choice between two readings, or nothing in particular.
// `nextTurn` dispatches on that state; the replies to each kind of question are read in `replies.ts`, and a
// fresh request is judged in `reading.ts` before anything is done with it.
import {
  CANDIDATE_INTENTS,
  CLARIFIED_TEXT,
  CONFIRMATION_ASKED_AGAIN,
  type IncomingSessionState,
} from "../chat-contract";
import { INTENT_SLOTS, type IntentName, isElicitingIntent, isUserIntent, type SlotName } from "../intents";
import type { IntentScore, Nlu, Understanding } from "../nlu/engine";
import { messages } from "./messages";
import { changeBlocker, isChange, type Reading, readRequest } from "./reading";
import { answerClarification, answerConfirmation, answerElicitation, type Reply } from "./replies";
import { type SlotValues, slotValuesFrom, slotValuesFromState } from "./slot-values";
import { close, draft, fail, fallback, type Turn } from "./turn";

export type { Turn } from "./turn";

/** What the caller may do, from the token API Gateway's authorizer verified. */
export interface Caller {
  readonly mayChangeUsers: boolean;
}

export function nextTurn(
  text: string,
  previous: IncomingSessionState | undefined,
  nlu: Nlu,
  caller: Caller,
): Turn {
  const intent = previous?.intent;
  const action = previous?.dialogAction;
  const attributes = previous?.sessionAttributes ?? {};
  let reply: Reply;
  if (intent?.name === "DeleteUser" && action?.type === "ConfirmIntent") {
    const askedAgain = attributes[CONFIRMATION_ASKED_AGAIN] !== undefined;
    reply = answerConfirmation(text, slotValuesFromState(intent.slots), askedAgain, nlu);
  } else if (
    intent &&
    isElicitingIntent(intent.name) &&
    action?.type === "ElicitSlot" &&
    action.slotToElicit
  ) {
    reply = answerElicitation(text, intent.name, action.slotToElicit, slotValuesFromState(intent.slots), nlu);
  } else if (action?.type === "ElicitIntent" && attributes[CANDIDATE_INTENTS]) {
    reply = answerClarification(text, attributes[CANDIDATE_INTENTS], attributes[CLARIFIED_TEXT] ?? "", nlu);
  } else {
    reply = { kind: "request", text, understanding: nlu.understand(text) };
  }
  switch (reply.kind) {
    case "turn":
      return reply.turn;
    case "request":
      return interpret(reply.text, reply.understanding, caller);
    case "chosen":
      return start(reply.intent, reply.understanding, caller, []);
    case "answered": {
      const turn = advance(reply.intent, reply.values, [{ intent: reply.intent, score: 1 }]);
      return reply.note ? { ...turn, message: `${reply.note} ${turn.message}` } : turn;
    }
  }
}

/** A fresh request: act on it, ask which of two readings was meant, or say why not. */
function interpret(text: string, understanding: Understanding, caller: Caller): Turn {
  const reading = readRequest(understanding);
  switch (reading.kind) {
    case "clarify":
      return clarify(text, reading.candidates, understanding);
    case "act":
      return start(reading.intent, understanding, caller, reading.leftOut);
    default:
      return refuse(reading, understanding.ranking);
  }
}

/** FallbackIntent, saying why nothing was done. */
function refuse(
  reading: Exclude<Reading, { kind: "act" | "clarify" }>,
  ranking: readonly IntentScore[],
): Turn {
  switch (reading.kind) {
    case "offTopic":
      return fallback(ranking);
    case "unsupported":
      return fallback(ranking, messages.unsupported(reading.words));
    case "bulk":
      return fallback(ranking, messages.oneAtATime(reading.intent));
    case "rephrase":
      return fallback(ranking, messages.rephrase());
  }
}

/**
 * Lex's ElicitIntent, naming both readings. The best one stands in the session state with its slots; the
 * candidates and the request go in session attributes, so the answer ("delete", "the second") completes it.
 */
function clarify(
  text: string,
  candidates: readonly [IntentName, IntentName],
  understanding: Understanding,
): Turn {
  const [best] = candidates;
  const values = {
    ...slotValuesFrom(candidates[1], understanding.entities),
    ...slotValuesFrom(best, understanding.entities),
  };
  return {
    ...draft(best, slotValuesFrom(best, understanding.entities), understanding.ranking),
    action: { type: "ElicitIntent" },
    message: messages.clarify(candidates, values),
    attributes: { [CANDIDATE_INTENTS]: candidates.join(" "), [CLARIFIED_TEXT]: text },
  };
}

/**
 * Starts on an intent the request asks for, unless it is a change the caller may not make, names several
 * users, or gives a value the bot can't use: each is said, and nothing is done with a guess.
 */
function start(
  intent: IntentName,
  understanding: Understanding,
  caller: Caller,
  leftOut: readonly string[],
): Turn {
  const { entities, ranking } = understanding;
  if (isChange(intent) && !caller.mayChangeUsers) {
    return { ...draft(intent, {}, ranking), ...fail(messages.viewerCannotChange()) };
  }
  const blocker = changeBlocker(intent, understanding);
  if (blocker) return refuse(blocker, ranking);
  const values = slotValuesFrom(intent, entities);
  if (isUserIntent(intent) && entities.username && entities.otherUsernames.length > 0) {
    const { username: _first, ...others } = values;
    return {
      ...draft(intent, others, ranking),
      action: { type: "ElicitSlot", slotToElicit: "username" },
      message: messages.whichFirst([entities.username.interpretedValue, ...entities.otherUsernames]),
    };
  }
  const refused = INTENT_SLOTS[intent].find((slot) => entities[slot] && !values[slot]);
  const turn = refused
    ? { ...ask(intent, refused, values, ranking), message: refusal(intent, refused, values, understanding) }
    : advance(intent, values, ranking);
  return leftOut.length > 0 ? { ...turn, message: `${turn.message} ${messages.leftOut(leftOut)}` } : turn;
}

/** Why the value given can't be used, and the question for another; "display name" with nothing after it is asked for. */
function refusal(
  intent: IntentName,
  slot: SlotName,
  values: SlotValues,
  understanding: Understanding,
): string {
  const typed = understanding.entities[slot]?.originalValue ?? "";
  const question = ask(intent, slot, values, []).message;
  return typed.trim() === "" ? question : `${messages.invalidValue(slot, typed)} ${question}`;
}

/** Asks for what is still missing, asks to confirm a deletion, or closes the intent ready for fulfilment. */
export function advance(intent: IntentName, values: SlotValues, ranking: readonly IntentScore[]): Turn {
  const ready = (message: string): Turn => ({ ...draft(intent, values, ranking), ...close(message) });
  switch (intent) {
    case "Greeting":
      return ready(messages.greeting());
    case "Help":
      return ready(messages.help());
    case "ListUsers":
      return ready(messages.listUsers());
    case "FindUsers":
      return values.searchTerm
        ? ready(messages.searching(values))
        : ask(intent, "searchTerm", values, ranking);
    case "FallbackIntent":
      return fallback(ranking);
  }
  if (!values.username) return ask(intent, "username", values, ranking);
  switch (intent) {
    case "CreateUser":
      return values.email ? ready(messages.creating(values)) : ask(intent, "email", values, ranking);
    case "GetUser":
      return ready(messages.showing(values));
    case "UpdateUser":
      // Lex elicits one slot at a time; `email` stands for "the change", and a display name answers it too.
      return values.email || values.displayName
        ? ready(messages.updating(values))
        : ask(intent, "email", values, ranking);
    case "DeleteUser":
      return {
        ...draft(intent, values, ranking),
        action: { type: "ConfirmIntent" },
        message: messages.confirmDelete(values),
      };
  }
}

/** Lex's ElicitSlot, with the question for the slot. */
function ask(intent: IntentName, slot: SlotName, values: SlotValues, ranking: readonly IntentScore[]): Turn {
  const questions: Record<SlotName, () => string> = {
    username: () => (isUserIntent(intent) ? messages.askUsername(intent) : messages.notUnderstood()),
    email: () => (intent === "CreateUser" ? messages.askEmail(values) : messages.askChange(values)),
    displayName: () => messages.askDisplayName(values),
    searchTerm: () => messages.askSearch(),
  };
  return {
    ...draft(intent, values, ranking),
    action: { type: "ElicitSlot", slotToElicit: slot },
    message: questions[slot](),
  };
}
