// How sure the bot is of what a fresh request asks, and so what it does with it: act, ask which of two intents
// was meant, ask for other words, or say it can't. A change (create, update, delete) is never made on a doubtful
// reading, nor on one that leaves out words that may change what was asked ("disable user bob", "make bob an
// admin"): those words name an operation the bot doesn't have, and acting on the rest would substitute one.
import { INTENT_SLOTS, type IntentName, isUserIntent, type UserIntentName } from "../intents";
import type { IntentScore, Understanding } from "../nlu/engine";
import type { Concept } from "../nlu/lexicon";

export type Reading =
  /** Do it; `leftOut` are words a read could not use, said back with the answer. */
  | { readonly kind: "act"; readonly intent: IntentName; readonly leftOut: readonly string[] }
  /** Two intents are about as likely: ask which. */
  | { readonly kind: "clarify"; readonly candidates: readonly [IntentName, IntentName] }
  /** No intent is likely enough, and none comes close second: ask for other words. */
  | { readonly kind: "rephrase" }
  | { readonly kind: "offTopic" }
  /** A request about users with words for something the bot can't do. */
  | { readonly kind: "unsupported"; readonly words: readonly string[] }
  /** A change to "all" users: the bot changes one user at a time. */
  | { readonly kind: "bulk"; readonly intent: UserIntentName };

export type ChangeIntentName = "CreateUser" | "UpdateUser" | "DeleteUser";

export const isChange = (intent: IntentName): intent is ChangeIntentName =>
  intent === "CreateUser" || intent === "UpdateUser" || intent === "DeleteUser";

/** Below this, the best intent is a guess; Lex's default confidence threshold is 0.4. */
export const MIN_CONFIDENCE = 0.5;
/** A change needs more: acting on a wrong change costs far more than one more question. */
export const CHANGE_CONFIDENCE = 0.7;
/** Two intents closer than this are a toss-up between requests about users. */
export const CLOSE_MARGIN = 0.2;
/** A runner-up this unlikely is no alternative worth offering. */
const RUNNER_UP_MIN = 0.15;

/** Intents that act on users: between two of them, a close call is a real question. */
const isAboutUsers = (intent: IntentName) =>
  isUserIntent(intent) || intent === "ListUsers" || intent === "FindUsers";

export function readRequest(understanding: Understanding): Reading {
  const { entities, concepts, unplacedWords, unknownOperation } = understanding;
  // "who is registered?", "was bob deleted?": a question about a change made asks for none.
  const ranking = understanding.asksAboutPast
    ? understanding.ranking.filter(({ intent }) => !isChange(intent))
    : understanding.ranking;
  const [best, second] = ranking;
  if (!best || best.intent === "FallbackIntent") {
    const aboutUsers =
      entities.username !== undefined ||
      concepts.some((concept) => concept === "person" || concept === "email" || concept === "record");
    return aboutUsers && unplacedWords.length > 0
      ? { kind: "unsupported", words: unplacedWords }
      : { kind: "offTopic" };
  }
  const blocker = changeBlocker(best.intent, understanding);
  if (blocker) return blocker;
  // "lock the account of bob", "export all users": the request's own verb is one the bot doesn't have, so
  // reading or listing instead would substitute a request.
  if (unknownOperation && isAboutUsers(best.intent)) {
    return { kind: "unsupported", words: unplacedWords.length > 0 ? unplacedWords : [unknownOperation] };
  }
  // "remove all the inactive users" read as a list: the verb asked for a change the reading doesn't make.
  const asked = askedChanges(understanding);
  if (asked.length > 0 && !(asked as readonly IntentName[]).includes(best.intent)) {
    return changeBlocker(asked[0], understanding) ?? { kind: "clarify", candidates: [asked[0], best.intent] };
  }
  const needed = isChange(best.intent) ? CHANGE_CONFIDENCE : MIN_CONFIDENCE;
  const alternative = closeAlternative(best, second, understanding);
  if (best.score < needed || alternative) {
    const runnerUp = alternative ?? second;
    if (!runnerUp || runnerUp.intent === "FallbackIntent" || runnerUp.score < RUNNER_UP_MIN)
      return { kind: "rephrase" };
    // A change the request can't be read as is never offered as one of the readings.
    return (
      changeBlocker(runnerUp.intent, understanding) ?? {
        kind: "clarify",
        candidates: [best.intent, runnerUp.intent],
      }
    );
  }
  const leftOut = isAboutUsers(best.intent) ? unplacedWords : [];
  return { kind: "act", intent: best.intent, leftOut };
}

const CHANGE_OPERATIONS: Readonly<Partial<Record<Concept, ChangeIntentName>>> = {
  create: "CreateUser",
  update: "UpdateUser",
  delete: "DeleteUser",
};

/** The changes the request's own verb asks for ("remove" → DeleteUser), unless it is a question about one. */
function askedChanges({ operation, asksAboutPast }: Understanding): ChangeIntentName[] {
  if (asksAboutPast) return [];
  return operation.flatMap((concept) => CHANGE_OPERATIONS[concept] ?? []);
}

/**
 * Why a change can't be made as asked, if it can't: it names "all" users rather than one, or words that may
 * change what is asked.
 */
export function changeBlocker(
  intent: IntentName,
  { entities, concepts, unplacedWords }: Understanding,
): Extract<Reading, { kind: "bulk" | "unsupported" }> | undefined {
  if (!isChange(intent)) return undefined;
  if (!entities.username && concepts.includes("all")) return { kind: "bulk", intent };
  if (unplacedWords.length > 0) return { kind: "unsupported", words: unplacedWords };
  return undefined;
}

/**
 * The runner-up when it is about as likely as the best and both act on users, unless it could use none of the
 * values the request names ("all accounts beginning with ko" is no plain list).
 */
function closeAlternative(
  best: IntentScore,
  second: IntentScore | undefined,
  { entities }: Understanding,
): IntentScore | undefined {
  if (!second || !isAboutUsers(best.intent) || !isAboutUsers(second.intent)) return undefined;
  const { username, email, displayName, searchTerm } = entities;
  const namesValues = [username, email, displayName, searchTerm].some(Boolean);
  if (namesValues && INTENT_SLOTS[second.intent].length === 0) return undefined;
  return best.score - second.score < CLOSE_MARGIN ? second : undefined;
}
