// Short answers to the bot's own questions: "cancel" to any question, and the bare value a user types
// when asked for one ("bob", "that would be heidi"). Yes or no to a confirmation is `confirmation.ts`.
import { isFunctionWord } from "../nlu/function-words";
import { type Token, tokenize } from "../nlu/tokenize";

const CANCEL_PHRASES = /\b(never mind|not now|changed my mind)\b/i;
const CANCEL = new Set("cancel stop abort quit exit nevermind forget".split(" "));

/** The user gives up on the current question ("cancel", "never mind", "forget it"). */
export function isCancellation(text: string): boolean {
  return CANCEL_PHRASES.test(text) || tokenize(text).some((token) => CANCEL.has(token.lower));
}

/** Words that may surround a bare answer: "the username is bob", "it's bob", "user bob please". */
const ANSWER_WORDS = new Set(
  "user username name login account email mail address called named should would be it's that's".split(" "),
);

/**
 * The one word of a bare answer, when everything else in it is filler: "bob", "that would be heidi",
 * "the username should be Dan.K". Used when asked for a username, since any word can be one then.
 */
export function soleAnswerWord(text: string): Token | undefined {
  const words = tokenize(text).filter(
    (token) =>
      (token.kind === "word" || token.kind === "quoted") &&
      !isFunctionWord(token.lower) &&
      !ANSWER_WORDS.has(token.lower),
  );
  return words.length === 1 ? words[0] : undefined;
}
