// The dialog, Lex-style and stateless: the client sends back the session state of the previous answer,
// which says whether the bot was waiting for a slot, for a yes/no, or for nothing in particular.
import {
  CONFIRMATION_ASKED_AGAIN,
  type ConfirmationState,
  type DialogAction,
  type IncomingSessionState,
  type IntentState,
} from "../chat-contract";
import { type ElicitingIntentName, type IntentName, isElicitingIntent, type SlotName } from "../intents";
import { isFunctionWord } from "../nlu/function-words";
import { type IntentScore, rankRequest, type Understanding, understand } from "../nlu/understand";
import { isCancellation, soleAnswerWord } from "./answers";
import { readConfirmation } from "./confirmation";
import { messages } from "./messages";
import { type SlotValues, slotValuesFrom, slotValuesFromState, validSlotValue } from "./slot-values";

/** The outcome of one turn, before it is dressed as a Lex response. */
export interface Turn {
  readonly intent: IntentName;
  readonly values: SlotValues;
  readonly state: IntentState;
  readonly confirmationState: ConfirmationState;
  readonly action: DialogAction;
  readonly message: string;
  /** The intents considered for this turn, best first. */
  readonly ranking: readonly IntentScore[];
  /** The bot asks its yes/no question a second time: the next unclear answer fails the intent. */
  readonly confirmationAskedAgain?: boolean;
}

/** How sure the classifier must be before a reply to a question is taken as a new request instead. */
const SWITCH_CONFIDENCE = 0.8;
/** Words that name what was asked for, so they don't make a reply a new request ("the username is bob"). */
const SLOT_WORDS = new Set([
  "user",
  "username",
  "name",
  "display",
  "email",
  "mail",
  "address",
  "login",
  "account",
]);

export function nextTurn(text: string, previous: IncomingSessionState | undefined): Turn {
  const intent = previous?.intent;
  const action = previous?.dialogAction;
  if (intent?.name === "DeleteUser" && action?.type === "ConfirmIntent") {
    const askedAgain = previous?.sessionAttributes?.[CONFIRMATION_ASKED_AGAIN] !== undefined;
    return answerConfirmation(text, slotValuesFromState(intent.slots), askedAgain);
  }
  if (intent && isElicitingIntent(intent.name) && action?.type === "ElicitSlot" && action.slotToElicit) {
    return answerElicitation(text, intent.name, action.slotToElicit, slotValuesFromState(intent.slots));
  }
  return interpret(understand(text));
}

/** A fresh request: the best intent with the slots the utterance gives. */
function interpret(understanding: Understanding): Turn {
  const best = understanding.ranking[0];
  if (!best || best.intent === "FallbackIntent") return fallback(understanding.ranking);
  const { entities } = understanding;
  const values = slotValuesFrom(best.intent, entities);
  const turn = advance(best.intent, values, understanding.ranking);
  // The request gave the slot asked for, but a value the rule refuses ("users starting with Ünal"): say why.
  const asked = turn.action.slotToElicit;
  const refused = asked && entities[asked] && !values[asked];
  return refused ? { ...turn, message: `${invalidValueHint(best.intent, asked)} ${turn.message}` } : turn;
}

function invalidValueHint(intent: IntentName, slot: SlotName): string {
  const hints: Partial<Record<SlotName, string>> = {
    username: messages.invalidUsername(),
    prefix: messages.invalidPrefix(),
    email: intent === "CreateUser" ? messages.invalidEmail() : undefined,
  };
  return hints[slot] ?? messages.notUnderstood();
}

/** Asks for what is still missing, asks to confirm a deletion, or closes the intent ready for fulfilment. */
function advance(intent: IntentName, values: SlotValues, ranking: readonly IntentScore[]): Turn {
  const ready = (message: string): Turn => ({ ...draft(intent, values, ranking), ...close(message) });
  const elicit = (slot: SlotName, message: string): Turn => ({
    ...draft(intent, values, ranking),
    action: { type: "ElicitSlot", slotToElicit: slot },
    message,
  });
  switch (intent) {
    case "Greeting":
      return ready(messages.greeting());
    case "Help":
      return ready(messages.help());
    case "ListUsers":
      return ready(messages.listUsers());
    case "FindUsers":
      return findUsers(values, ranking);
    case "FallbackIntent":
      return fallback(ranking);
  }
  if (!values.username) return elicit("username", messages.askUsername(intent));
  switch (intent) {
    case "CreateUser":
      return values.email ? ready(messages.creating(values)) : elicit("email", messages.askEmail(values));
    case "GetUser":
      return ready(messages.showing(values));
    case "UpdateUser":
      // Lex elicits one slot at a time; `email` stands for "the change", and a display name answers it too.
      return values.email || values.displayName
        ? ready(messages.updating(values))
        : elicit("email", messages.askChange(values));
    case "DeleteUser":
      return {
        ...draft(intent, values, ranking),
        action: { type: "ConfirmIntent" },
        message: messages.confirmDelete(values),
      };
  }
}

/**
 * Only an unambiguous yes confirms (`confirmation.ts`). An unclear answer that makes a request of its own
 * ("show me alice first") is taken as that request; any other unclear answer is asked again once, and a
 * second one fails the intent, as a denial: nothing is deleted on a guess.
 */
function answerConfirmation(text: string, values: SlotValues, askedAgain: boolean): Turn {
  const ranking = [{ intent: "DeleteUser" as const, score: 1 }];
  const base = draft("DeleteUser", values, ranking);
  const denied = (message: string): Turn => ({
    ...base,
    ...close(message),
    state: "Failed",
    confirmationState: "Denied",
  });
  switch (readConfirmation(text, values.username?.interpretedValue)) {
    case "yes":
      return { ...base, ...close(messages.deleting(values)), confirmationState: "Confirmed" };
    case "no":
      return denied(messages.notDeleting(values));
  }
  const understanding = understand(text);
  if (understanding.ranking[0]?.intent !== "FallbackIntent") return interpret(understanding);
  if (askedAgain) return denied(messages.stillUnclear(values));
  return {
    ...base,
    action: { type: "ConfirmIntent" },
    message: messages.confirmAgain(values),
    confirmationAskedAgain: true,
  };
}

/**
 * A search by one of the two: the Users API answers a prefix or an email lookup, not both, and an exact
 * address says more than the start of a name. Lex elicits one slot at a time; `prefix` stands for "what
 * to search", and an email answers it too.
 */
function findUsers(values: SlotValues, ranking: readonly IntentScore[]): Turn {
  if (values.email) {
    const byEmail = { email: values.email };
    return { ...draft("FindUsers", byEmail, ranking), ...close(messages.findingByEmail(byEmail)) };
  }
  if (values.prefix)
    return { ...draft("FindUsers", values, ranking), ...close(messages.findingByPrefix(values)) };
  return {
    ...draft("FindUsers", values, ranking),
    action: { type: "ElicitSlot", slotToElicit: "prefix" },
    message: messages.askSearch(),
  };
}

function answerElicitation(
  text: string,
  intent: ElicitingIntentName,
  slot: SlotName,
  previous: SlotValues,
): Turn {
  const ranking = [{ intent, score: 1 }];
  if (isCancellation(text)) {
    return { ...draft(intent, previous, ranking), ...close(messages.cancelled()), state: "Failed" };
  }
  const understanding = understand(text);
  if (isNewRequest(understanding, intent)) return interpret(understanding);

  const answer = answeredValues(text, intent, slot, understanding);
  const values = { ...previous, ...answer };
  const answered =
    slot === "email" && intent === "UpdateUser"
      ? values.email || values.displayName
      : slot === "prefix"
        ? values.prefix || values.email
        : values[slot];
  if (answered) return advance(intent, values, ranking);
  if (understanding.ranking[0]?.intent !== "FallbackIntent") return interpret(understanding);

  const question = advance(intent, previous, ranking);
  return { ...question, message: `${invalidValueHint(intent, slot)} ${question.message}` };
}

/**
 * The values a reply to "what is X?" gives. Any word may be a username (or the start of one) when one was
 * asked for, and a reply
 * to "what should change?" that is neither an email nor a request is the new display name.
 */
function answeredValues(
  text: string,
  intent: ElicitingIntentName,
  slot: SlotName,
  understanding: Understanding,
) {
  const values = slotValuesFrom(intent, understanding.entities);
  const isBare = (slot === "username" || slot === "prefix") && !values[slot] && !values.email;
  const word = isBare ? soleAnswerWord(text) : undefined;
  if (word)
    return { ...values, ...validSlotValue(slot, { originalValue: word.text, interpretedValue: word.lower }) };
  const isPlainText = understanding.ranking[0]?.intent === "FallbackIntent" && !text.includes("@");
  if (intent === "UpdateUser" && slot === "email" && !values.email && !values.displayName && isPlainText) {
    const displayName = text.trim().replace(/\s+/g, " ");
    return validSlotValue("displayName", { originalValue: text.trim(), interpretedValue: displayName });
  }
  return values;
}

/**
 * The reply asks for something else outright ("delete bob" when asked which user to show), judged on its
 * words alone: values in a reply ("bob@example.com, and call him Bob") answer the question.
 */
function isNewRequest(understanding: Understanding, current: IntentName): boolean {
  const best = rankRequest(understanding.entities)[0];
  const asksSomething = understanding.knownWords.some(
    (word) => !SLOT_WORDS.has(word) && !isFunctionWord(word),
  );
  return (
    best !== undefined &&
    best.intent !== current &&
    best.intent !== "FallbackIntent" &&
    best.score >= SWITCH_CONFIDENCE &&
    asksSomething
  );
}

function fallback(ranking: readonly IntentScore[]): Turn {
  return {
    intent: "FallbackIntent",
    values: {},
    state: "Failed",
    confirmationState: "None",
    action: { type: "ElicitIntent" },
    message: messages.fallback(),
    ranking,
  };
}

/** The parts of a turn on `intent` that don't depend on what the bot does next: it adds action and message. */
function draft(
  intent: IntentName,
  values: SlotValues,
  ranking: readonly IntentScore[],
): Omit<Turn, "action" | "message"> {
  return { intent, values, state: "InProgress", confirmationState: "None", ranking };
}

function close(message: string): Pick<Turn, "state" | "action" | "message"> {
  return { state: "ReadyForFulfillment", action: { type: "Close" }, message };
}
