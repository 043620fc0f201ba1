// Picks the token most likely to be a username. Usernames are words the engine does not know, so the
// evidence is where they stand: after "user"/"account" ("delete user bob"), before a possessive ("bob's
// email"), or, for a plain unknown word, in a place where training put usernames ("remove carol", "who is
// erin") rather than nouns ("tell me a joke", "the capital of France").
import { USERNAME_PATTERN } from "../intents";
import { isDeterminer, isFunctionWord, isQuestionWord } from "./function-words";
import type { Token } from "./tokenize";
import type { Vocabulary } from "./vocabulary";

type UsernameEvidence = "cue" | "possessive" | "context";

export interface UsernameMatch {
  readonly index: number;
  readonly evidence: UsernameEvidence;
}

/** A token and its normalised word: lowercase, chat spellings expanded, typos corrected. */
export interface Word {
  readonly token: Token;
  readonly word: string;
}

const CUES = new Set(["user", "username", "user-name", "account", "login", "handle", "userid"]);
/** Words allowed between a cue and the username: "username is bob", "account for frank", "user named zoe". */
const CUE_LINKS = new Set(["is", "be", "should", "named", "called", "of", "for", ":", "=", "-"]);
const SYMBOLS_OR_DIGITS = /[0-9._-]/;
const DIGITS_ONLY = /^[0-9]+$/;

/**
 * A token that could be a username: valid by the Users API rule and no word the engine knows. Quoted text
 * is exempt from the vocabulary check, because quotes say "take this literally".
 */
export function couldBeUsername({ token, word }: Word, vocabulary: Vocabulary): boolean {
  if (token.kind !== "word" && token.kind !== "quoted") return false;
  if (!USERNAME_PATTERN.test(token.lower)) return false;
  return token.kind === "quoted" || (!isFunctionWord(word) && !vocabulary.isKnown(word));
}

/**
 * The best username candidate among the words not `excluded` (emails, display names): the first one
 * after a cue, else the first possessive, else the first username-shaped word ("dave_99") in a username
 * context, else the last plain word in one (verbs come first: a leading unknown word is more often a
 * verb the corpus lacks).
 */
export function findUsername(
  words: readonly Word[],
  vocabulary: Vocabulary,
  excluded: ReadonlySet<number>,
): UsernameMatch | undefined {
  const candidate = (k: number) => !excluded.has(k) && couldBeUsername(words[k], vocabulary);
  const afterCue = words.findIndex((_, k) => candidate(k) && followsCue(words, k));
  if (afterCue >= 0) return { index: afterCue, evidence: "cue" };

  const possessive = words.findIndex(
    ({ token }, k) => candidate(k) && token.possessive && !isDeterminer(words[k - 1]?.word ?? ""),
  );
  if (possessive >= 0) return { index: possessive, evidence: "possessive" };

  const inContext = (k: number) =>
    candidate(k) &&
    words[k].token.kind === "word" &&
    !DIGITS_ONLY.test(words[k].word) &&
    standsLikeAUsername(words, k, vocabulary);
  const shaped = words.findIndex(({ word }, k) => SYMBOLS_OR_DIGITS.test(word) && inContext(k));
  if (shaped >= 0) return { index: shaped, evidence: "context" };
  const plain = words.findLastIndex((_, k) => inContext(k) && !beforeUnknownWord(words, k, vocabulary));
  return plain >= 0 ? { index: plain, evidence: "context" } : undefined;
}

/** "cat videos", "jazz music": a plain word right before an unknown one modifies it; names don't. */
function beforeUnknownWord(words: readonly Word[], k: number, vocabulary: Vocabulary): boolean {
  const next = words[k + 1];
  return next?.token.kind === "word" && !isFunctionWord(next.word) && !vocabulary.isKnown(next.word);
}

function followsCue(words: readonly Word[], k: number): boolean {
  let before = k - 1;
  while (before >= 0 && CUE_LINKS.has(words[before].word)) before--;
  return before >= 0 && CUES.has(words[before].word) && !words[before].token.possessive;
}

/**
 * Not right after a determiner or question word ("a joke", "what time"), and after a word that precedes
 * usernames in training, or, opening the sentence, before one that follows them ("bob has a new email").
 */
function standsLikeAUsername(words: readonly Word[], k: number, vocabulary: Vocabulary): boolean {
  const previous = words[k - 1]?.word ?? "";
  if (isDeterminer(previous) || isQuestionWord(previous)) return false;
  // "a new folder": a determiner and a known modifier make a noun phrase, unless the modifier is a cue.
  if (isDeterminer(words[k - 2]?.word ?? "") && vocabulary.isKnown(previous) && !CUES.has(previous))
    return false;
  const isContent = ({ token, word }: Word) => token.kind === "word" && !isFunctionWord(word);
  const before = words.slice(0, k).findLast(isContent);
  if (before) return vocabulary.isWordBeforeUsername(before.word);
  const after = words.slice(k + 1).find(isContent);
  return after !== undefined && vocabulary.isWordAfterUsername(after.word);
}
