// Replies to the bot's own questions: a yes/no to a deletion, a value asked for, a choice between two readings.
// Each reply is read into what the dialog does next; a reply that is really a new request says so, and the
// dialog interprets it afresh.
import { CONFIRMATION_ASKED_AGAIN } from "../chat-contract";
import { type ElicitingIntentName, type IntentName, isIntentName, type SlotName } from "../intents";
import type { Nlu, Understanding } from "../nlu/engine";
import { isFunctionWord } from "../nlu/function-words";
import type { Concept } from "../nlu/lexicon";
import { tokenize } from "../nlu/tokenize";
import { isCancellation, soleAnswerWord } from "./answers";
import { readConfirmation } from "./confirmation";
import { messages } from "./messages";
import { type SlotValues, slotValuesFrom, validSlotValue } from "./slot-values";
import { close, draft, fail, type Turn } from "./turn";

export type Reply =
  /** The reply settled the turn. */
  | { readonly kind: "turn"; readonly turn: Turn }
  /** A new request made instead of an answer. */
  | { readonly kind: "request"; readonly text: string; readonly understanding: Understanding }
  /** The request the bot asked about, with the intent the reply chose. */
  | { readonly kind: "chosen"; readonly intent: IntentName; readonly understanding: Understanding }
  /** The slot's answer (or, with a `note` saying why, none): the dialog goes on with these values. */
  | {
      readonly kind: "answered";
      readonly intent: ElicitingIntentName;
      readonly values: SlotValues;
      readonly note?: string;
    };

/** How sure the classifier must be before a reply to a question is taken as a new request instead. */
const SWITCH_CONFIDENCE = 0.8;
/** Words that name what was asked for, so they don't make a reply a new request ("the username is bob"). */
const SLOT_WORDS = new Set("user username name display email mail address login account".split(" "));

/**
 * Only an unambiguous yes confirms (`confirmation.ts`). An unclear answer that makes a request of its own
 * ("show me alice first") is taken as that request; any other unclear answer is asked again once, and a
 * second one fails the intent, as a denial: nothing is deleted on a guess.
 */
export function answerConfirmation(text: string, values: SlotValues, askedAgain: boolean, nlu: Nlu): Reply {
  const base = draft("DeleteUser", values, [{ intent: "DeleteUser", score: 1 }]);
  const turn = (settled: Turn): Reply => ({ kind: "turn", turn: settled });
  const denied = (message: string) => turn({ ...base, ...fail(message), confirmationState: "Denied" });
  switch (readConfirmation(text, values.username?.interpretedValue)) {
    case "yes":
      return turn({ ...base, ...close(messages.deleting(values)), confirmationState: "Confirmed" });
    case "no":
      return denied(messages.notDeleting(values));
  }
  const understanding = nlu.understand(text);
  if (understanding.ranking[0]?.intent !== "FallbackIntent") return { kind: "request", text, understanding };
  if (askedAgain) return denied(messages.stillUnclear(values));
  return turn({
    ...base,
    action: { type: "ConfirmIntent" },
    message: messages.confirmAgain(values),
    attributes: { [CONFIRMATION_ASKED_AGAIN]: "true" },
  });
}

export function answerElicitation(
  text: string,
  intent: ElicitingIntentName,
  slot: SlotName,
  previous: SlotValues,
  nlu: Nlu,
): Reply {
  if (isCancellation(text)) {
    const ranking = [{ intent, score: 1 }];
    return { kind: "turn", turn: { ...draft(intent, previous, ranking), ...fail(messages.cancelled()) } };
  }
  const understanding = nlu.understand(text);
  if (isNewRequest(understanding, intent, nlu)) return { kind: "request", text, understanding };

  const values = { ...previous, ...answeredValues(text, intent, slot, understanding) };
  const answered =
    slot === "email" && intent === "UpdateUser" ? values.email || values.displayName : values[slot];
  if (answered) return { kind: "answered", intent, values };
  if (understanding.ranking[0]?.intent !== "FallbackIntent") return { kind: "request", text, understanding };
  const typed = understanding.entities[slot]?.originalValue;
  const note = typed
    ? messages.invalidValue(slot, typed)
    : slot === "username"
      ? messages.invalidUsername()
      : messages.notUnderstood();
  return { kind: "answered", intent, values: previous, note };
}

/**
 * The values a reply to "what is X?" gives. Any word may be a username when one was asked for; a reply to
 * "what should I search for?" or "what should the display name be?" is the value as typed, and a reply to
 * "what should change?" that is neither an email nor a request is the new display name.
 */
function answeredValues(
  text: string,
  intent: ElicitingIntentName,
  slot: SlotName,
  understanding: Understanding,
): SlotValues {
  const values = slotValuesFrom(intent, understanding.entities);
  const whole = { originalValue: text.trim(), interpretedValue: text.trim().replace(/\s+/g, " ") };
  if (slot === "username" && !values.username && !values.email) {
    const word = soleAnswerWord(text);
    return word
      ? { ...values, ...validSlotValue(slot, { originalValue: word.text, interpretedValue: word.lower }) }
      : values;
  }
  if (values[slot]) return values;
  const isPlainText = understanding.ranking[0]?.intent === "FallbackIntent" && !text.includes("@");
  if (slot === "searchTerm" && !text.includes("@")) return { ...values, ...validSlotValue(slot, whole) };
  if (slot === "displayName" && isPlainText) return { ...values, ...validSlotValue(slot, whole) };
  if (intent === "UpdateUser" && slot === "email" && !values.email && !values.displayName && isPlainText) {
    return validSlotValue("displayName", whole);
  }
  return values;
}

/**
 * The reply asks for something else outright ("delete bob" when asked which user to show), judged on its
 * words alone: values in a reply ("bob@example.com, and call him Bob") answer the question.
 */
function isNewRequest(understanding: Understanding, current: IntentName, nlu: Nlu): boolean {
  const best = nlu.rankRequest(understanding.entities)[0];
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

/** Words that pick the first or the second of two readings offered. */
const ORDINALS: readonly (readonly string[])[] = [
  ["first", "1", "1st", "former", "one"],
  ["second", "2", "2nd", "latter", "other", "two"],
];
/** The concept that asks for each intent, for a one-word answer ("delete", "show him"). */
const INTENT_CONCEPTS: Partial<Record<IntentName, Concept>> = {
  CreateUser: "create",
  GetUser: "read",
  UpdateUser: "update",
  DeleteUser: "delete",
  ListUsers: "list",
  FindUsers: "search",
};

/**
 * The answer to "do you want to delete user alice or see user alice?": an ordinal ("the second"), a verb of one
 * of them ("delete", "show her"), or a request of its own, which replaces the one asked about.
 */
export function answerClarification(
  text: string,
  candidatesAttribute: string,
  clarified: string,
  nlu: Nlu,
): Reply {
  const candidates = candidatesAttribute.split(" ").filter(isIntentName);
  const understanding = nlu.understand(text);
  if (isCancellation(text)) {
    return {
      kind: "turn",
      turn: { ...draft("FallbackIntent", {}, understanding.ranking), ...fail(messages.cancelled()) },
    };
  }
  const words = tokenize(text).map((token) => token.lower);
  const byOrdinal = ORDINALS.findIndex((ordinal) => words.some((word) => ordinal.includes(word)));
  const byConcept = candidates.filter((intent) => {
    const concept = INTENT_CONCEPTS[intent];
    return concept !== undefined && understanding.concepts.includes(concept);
  });
  const chosen =
    byConcept.length === 1 ? byConcept[0] : byConcept.length === 0 ? candidates[byOrdinal] : undefined;
  // A reply naming a user or a value of its own is a request of its own.
  const { username, email, displayName, searchTerm } = understanding.entities;
  const namesValues = [username, email, displayName, searchTerm].some(Boolean);
  if (chosen && !namesValues)
    return { kind: "chosen", intent: chosen, understanding: nlu.understand(clarified) };
  return { kind: "request", text, understanding };
}
