// Picks the token most likely to be a username. Usernames are words the engine does not know, so the
// evidence is where they stand: after "username" ("username ppatel": explicit, it wins over any other), after
// a word for a person ("delete user bob", "the new intern kofi"), before a possessive ("bob's email"), or, for a
// plain unknown word, where a request's verb or field puts its user ("remove carol", "the email for priyanka",
// "who is erin") rather than where nouns stand ("tell me a joke", "the capital of France").
import { USERNAME_PATTERN } from "../intents";
import { isDeterminer, isFunctionWord, isQuestionWord } from "./function-words";
import { type Concept, conceptsOf, phrasesOpenedBy } from "./lexicon";
import type { Token } from "./tokenize";
import type { Vocabulary } from "./vocabulary";

type UsernameEvidence = "explicit" | "cue" | "possessive" | "context";

export interface UsernameMatch {
  readonly index: number;
  readonly evidence: UsernameEvidence;
  /** A person named after a word for one ("account for Priya") when "username …" named the user elsewhere. */
  readonly personIndex?: number;
}

/** A token and its normalised word: lowercase, chat spellings expanded, typos corrected. */
export interface Word {
  readonly token: Token;
  readonly word: string;
}

/** Words that name the username itself: what follows them is the username, whatever else the sentence says. */
const EXPLICIT_CUES = new Set(["username", "user-name", "userid", "login", "handle"]);
/** Words allowed between a cue and the username: "username is bob", "account for frank", "user named zoe". */
const CUE_LINKS = new Set(["is", "be", "should", "named", "called", "of", "for", ":", "=", "-"]);
/** Concepts of the words after which a user is named: verbs on users, fields of a user, words for one. */
const CONTEXT_BEFORE: ReadonlySet<Concept> = new Set([
  "create",
  "read",
  "update",
  "delete",
  "search",
  "email",
  "name",
  "record",
  "person",
]);
/** Concepts of the words after a user who opens a sentence: "bob left", "noor switched to …", "bob's email". */
const CONTEXT_AFTER: ReadonlySet<Concept> = new Set(["update", "delete", "depart", "email", "name", "exist"]);
/** Verbs whose first object may be a user: "give bob an account". */
const VERBS_BEFORE_USER = new Set(["give"]);
/** "what do you know about bob", "info on bob": the topic of a question or a read ends it. */
const TOPIC_MARKERS = new Set(["about", "on"]);
/** How many content words after a sentence-opening user may say what happened to it: "bob has a new email". */
const AFTER_REACH = 2;
const SYMBOLS_OR_DIGITS = /[0-9._-]/;
const DIGITS_ONLY = /^[0-9]+$/;
/** Words that join several names: "alice and bob", "alice, bob & carol". */
const JOINERS = new Set(["and", ",", "&", "plus", "+", "or"]);

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
 * The best username candidate among the words not `excluded` (emails, display names, search terms): the first
 * after an explicit cue, else the first after a word for a person, else the first possessive, else the first
 * username-shaped word ("dave_99") in a username context, else the last plain word in one (verbs come first: a
 * leading unknown word is more often a verb the corpus lacks).
 */
export function findUsername(
  words: readonly Word[],
  vocabulary: Vocabulary,
  excluded: ReadonlySet<number>,
): UsernameMatch | undefined {
  const candidate = (k: number) => !excluded.has(k) && couldBeUsername(words[k], vocabulary);
  const afterCue = (explicit: boolean) =>
    words.findIndex((_, k) => candidate(k) && followsCue(words, k, explicit));
  const explicit = afterCue(true);
  const cued = afterCue(false);
  if (explicit >= 0) {
    return {
      index: explicit,
      evidence: "explicit",
      personIndex: cued >= 0 && cued !== explicit ? cued : undefined,
    };
  }
  if (cued >= 0) return { index: cued, evidence: "cue" };
  // "create user Ünal": the word after "user" is the username asked for even when the rule refuses it, so the
  // bot can say why rather than drop it.
  const refused = words.findIndex(
    (word, k) =>
      !excluded.has(k) &&
      word.token.kind === "word" &&
      !isFunctionWord(word.word) &&
      !vocabulary.isKnown(word.word) &&
      (followsCue(words, k, true) || followsCue(words, k, false)),
  );
  if (refused >= 0) return { index: refused, evidence: "cue" };

  const possessive = words.findIndex(
    ({ token }, k) => candidate(k) && token.possessive && !isDeterminer(words[k - 1]?.word ?? ""),
  );
  if (possessive >= 0) return { index: possessive, evidence: "possessive" };

  const inContext = (k: number) =>
    candidate(k) &&
    words[k].token.kind === "word" &&
    !DIGITS_ONLY.test(words[k].word) &&
    standsLikeAUsername(words, k, vocabulary);
  // A word shaped like a username ("dave_99", "mei.lin") is one anywhere in a request about users.
  const aboutUsers = words.some(({ word }) => hasConcept(word, CONTEXT_BEFORE));
  const shaped = words.findIndex(
    ({ token, word }, k) =>
      SYMBOLS_OR_DIGITS.test(word) &&
      candidate(k) &&
      token.kind === "word" &&
      !DIGITS_ONLY.test(word) &&
      (aboutUsers || inContext(k)),
  );
  if (shaped >= 0) return { index: shaped, evidence: "context" };
  const plain = words.findLastIndex((_, k) => inContext(k) && !beforeUnknownWord(words, k, vocabulary));
  return plain >= 0 ? { index: plain, evidence: "context" } : undefined;
}

/**
 * The other usernames joined to the one found ("delete alice and bob", "alice, bob and carol"): a request
 * naming several users must not quietly lose any of them.
 */
export function joinedUsernames(
  words: readonly Word[],
  vocabulary: Vocabulary,
  excluded: ReadonlySet<number>,
  found: number,
): number[] {
  const joined: number[] = [];
  for (const direction of [-1, 1]) {
    let k = found;
    for (;;) {
      let next = k + direction;
      while (words[next] && JOINERS.has(words[next].word)) next += direction;
      const possible = words[next];
      if (next === k + direction || !possible || excluded.has(next) || !couldBeUsername(possible, vocabulary))
        break;
      joined.push(next);
      k = next;
    }
  }
  return joined.sort((a, b) => a - b);
}

/**
 * "cat videos", "jazz music", "pictures of dogs": a plain word right before an unknown one, or before "of",
 * is part of a noun phrase; names aren't.
 */
function beforeUnknownWord(words: readonly Word[], k: number, vocabulary: Vocabulary): boolean {
  const next = words[k + 1];
  if (next?.word === "of") return true;
  return next?.token.kind === "word" && !isFunctionWord(next.word) && !vocabulary.isKnown(next.word);
}

function followsCue(words: readonly Word[], k: number, explicit: boolean): boolean {
  let before = k - 1;
  while (before >= 0 && CUE_LINKS.has(words[before].word)) before--;
  const cue = words[before];
  if (!cue || cue.token.possessive) return false;
  if (EXPLICIT_CUES.has(cue.word) || (cue.word === "name" && words[before - 1]?.word === "user"))
    return explicit;
  return !explicit && isPerson(cue.word);
}

/**
 * Not right after a determiner or question word ("a joke", "what time"), and after a word that precedes
 * usernames (a verb on users, a field, a person: "remove carol", "the email for priyanka"), or, opening the
 * sentence, before one that follows them ("bob has a new email", "ines left").
 */
function standsLikeAUsername(words: readonly Word[], k: number, vocabulary: Vocabulary): boolean {
  const previous = words[k - 1]?.word ?? "";
  if (isDeterminer(previous) || isQuestionWord(previous)) return false;
  // "a new folder": a determiner and a known modifier make a noun phrase, unless the modifier is a person.
  if (isDeterminer(words[k - 2]?.word ?? "") && vocabulary.isKnown(previous) && !isPerson(previous))
    return false;
  const isContent = ({ token, word }: Word) => token.kind === "word" && !isFunctionWord(word);
  if (TOPIC_MARKERS.has(previous) && isLastWord(words, k) && asksAbout(words)) return true;
  // "who is bob", "who's bob"; not "who owns …", where a verb follows "who".
  if (/^(is|was)$/.test(previous) && words[k - 2]?.word === "who") return true;
  const before = words.slice(0, k).findLast(isContent);
  if (before) {
    return (
      vocabulary.isWordBeforeUsername(before.word) ||
      VERBS_BEFORE_USER.has(before.word) ||
      hasConcept(before.word, CONTEXT_BEFORE) ||
      // "take bongani off the system", "kick bob out": a verb whose particle follows its user.
      phrasesOpenedBy(before.word).some(({ particle }) => particle)
    );
  }
  const after = words
    .map((word, j) => ({ ...word, j }))
    .slice(k + 1)
    .filter(isContent)
    .slice(0, AFTER_REACH);
  return after.some(
    ({ word, j }) =>
      vocabulary.isWordAfterUsername(word) ||
      conceptsAt(words, j).some((concept) => CONTEXT_AFTER.has(concept)),
  );
}

/** The concepts of the word at `j`, or of the phrase it opens there ("no longer" departs). */
function conceptsAt(words: readonly Word[], j: number): readonly Concept[] {
  const phrase = phrasesOpenedBy(words[j].word).find(({ second, reach }) =>
    words.slice(j + 1, j + 1 + reach).some(({ word }) => word === second),
  );
  return phrase?.concepts ?? conceptsOf(words[j].word);
}

const isLastWord = (words: readonly Word[], k: number) =>
  words.slice(k + 1).every(({ token }) => token.kind === "punctuation");

/** A question ("what do you know about …") or a read ("tell me about …"). */
const asksAbout = (words: readonly Word[]) =>
  /^(what|who|which|whats)$/.test(words[0]?.word ?? "") || words.some(({ word }) => hasConcept(word, READS));
const READS: ReadonlySet<Concept> = new Set(["read", "record"]);

const isPerson = (word: string) => conceptsOf(word).includes("person");
const hasConcept = (word: string, concepts: ReadonlySet<Concept>) =>
  conceptsOf(word).some((concept) => concepts.has(concept));
