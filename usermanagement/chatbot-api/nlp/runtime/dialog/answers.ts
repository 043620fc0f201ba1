// Short answers to the bot's own questions: yes or no to a confirmation, "cancel" to any question, and
// the bare value a user types when asked for one ("bob", "that would be heidi").
import { isFunctionWord } from "../nlu/function-words";
import { type Token, tokenize } from "../nlu/tokenize";

const YES = new Set(
  "yes y yeah yea yep yup ya sure ok okay k confirm confirmed correct right affirmative absolutely definitely certainly proceed".split(
    " ",
  ),
);
const NO = new Set("no n nope nah cancel stop abort don't dont negative nevermind keep wait".split(" "));
const YES_PHRASES = /\b(go ahead|do it|of course|please do)\b/i;
const NO_PHRASES = /\b(never mind|not now|changed my mind)\b/i;
const CANCEL = new Set("cancel stop abort quit exit nevermind forget".split(" "));

export type Confirmation = "yes" | "no";

/** Yes or no, or undefined when the text is neither; any "no" wins ("no, don't", "yes… no wait"). */
export function readConfirmation(text: string): Confirmation | undefined {
  const words = tokenize(text).map((token) => token.lower);
  if (NO_PHRASES.test(text) || words.some((word) => NO.has(word))) return "no";
  if (YES_PHRASES.test(text) || words.some((word) => YES.has(word))) return "yes";
  return undefined;
}

/** The user gives up on the current question ("cancel", "never mind", "forget it"). */
export function isCancellation(text: string): boolean {
  return NO_PHRASES.test(text) || tokenize(text).some((token) => CANCEL.has(token.lower));
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
