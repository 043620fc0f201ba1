// Finds what a search asks for, by the words that introduce it: "find Zoë", "search for Müller", "anyone called
// Nguyen", "who is named Okafor", "users starting with al", "anyone with garcia in their name". The term is kept
// as typed: the Users API matches it against the start of usernames, email addresses and display-name words,
// ignoring case, accents and width.
import { isDeterminer, isFunctionWord, isNoiseWord } from "./function-words";
import { conceptsOf } from "./lexicon";
import type { Token } from "./tokenize";

export interface TermMatch {
  /** Token indexes of the first and last token of the term. */
  readonly first: number;
  readonly last: number;
}

/** "start with", "begins with", "beginning with": a verb of beginning, then "with". */
const BEGIN_VERBS = new Set("start starts starting started begin begins beginning began".split(" "));
/** "prefix dev", "prefixed with dev", "the prefix is dev". */
const PREFIX_NOUNS = new Set(["prefix", "prefixed"]);
/** Words between a beginning and its value: "with the letters jo", "prefix is: dev". */
const PREFIX_LINKS = new Set("with the a an letter letters characters is of : = text string".split(" "));
/** Verbs that open a search: "find", "search", "look for", "locate". */
const SEARCH_VERBS = new Set("find search locate seek".split(" "));
const PARTICLES = new Set(["for"]);
/** Words between a search verb and its term: "search for users named", "find me anyone called". */
const SEARCH_LINKS = new Set(
  "for me us all any anyone anybody someone somebody everyone people users user accounts account named called with name names by whose is are the a an".split(
    " ",
  ),
);
/** Nouns a determiner may introduce before the term ("find the user bob"): anything else is a thing ("a pizza"). */
const DETERMINED_NOUNS = new Set("user users account accounts person people".split(" "));
/** "anyone called …", "who is named …": who is meant, then "called" or "named". */
const INDEFINITES = new Set("anyone anybody someone somebody people users who".split(" "));
const NAMING = new Set(["called", "named"]);
/** Words that end an unquoted term: "find zoe in the system", "search for li please". */
const TERM_ENDS = new Set(
  "in on at from and or but with to for who whose that which please thanks".split(" "),
);
const LONGEST_TERM_IN_WORDS = 4;

export function findSearchTerm(tokens: readonly Token[]): TermMatch | undefined {
  return findPrefix(tokens) ?? findNamedTerm(tokens) ?? findSearched(tokens);
}

/** "users starting with al", "prefix dev": the last word is the value even when it could be a link ("with a"). */
function findPrefix(tokens: readonly Token[]): TermMatch | undefined {
  for (let k = 0; k < tokens.length; k++) {
    const word = tokens[k].lower;
    const introduces = (BEGIN_VERBS.has(word) && tokens[k + 1]?.lower === "with") || PREFIX_NOUNS.has(word);
    if (!introduces) continue;
    let value = k + 1;
    while (value < tokens.length - 1 && PREFIX_LINKS.has(tokens[value].lower)) value++;
    const token = tokens[value];
    if (token && token.kind !== "punctuation") return { first: value, last: value };
  }
  return undefined;
}

/** "anyone called Nguyen", "who is named Okafor", "anyone with garcia in their name". */
function findNamedTerm(tokens: readonly Token[]): TermMatch | undefined {
  for (let k = 0; k < tokens.length; k++) {
    const word = tokens[k].lower;
    if (NAMING.has(word) && isIndefiniteBefore(tokens, k)) return readTerm(tokens, k + 1);
    // "with garcia in their name": the term stands between "with" and "in … name".
    if (
      word === "with" &&
      lowerAt(tokens, k + 2) === "in" &&
      /^(name|names|username|email)$/.test(lowerAt(tokens, k + 4))
    ) {
      return readTerm(tokens, k + 1);
    }
  }
  return undefined;
}

function isIndefiniteBefore(tokens: readonly Token[], k: number): boolean {
  let before = k - 1;
  while (before >= 0 && /^(is|are|be|being|was|were)$/.test(tokens[before].lower)) before--;
  return before >= 0 && INDEFINITES.has(tokens[before].lower);
}

/** "find Zoë", "search for Müller", "find the user bob", "look for users called Nguyen". */
function findSearched(tokens: readonly Token[]): TermMatch | undefined {
  for (let k = 0; k < tokens.length; k++) {
    const word = tokens[k].lower;
    const opens = SEARCH_VERBS.has(word) || (word === "look" && PARTICLES.has(lowerAt(tokens, k + 1)));
    if (!opens) continue;
    let value = k + 1;
    while (value < tokens.length && SEARCH_LINKS.has(tokens[value].lower)) {
      // "find a good pizza place": a determiner introduces a thing unless it is a user.
      if (isDeterminer(tokens[value].lower) && !DETERMINED_NOUNS.has(lowerAt(tokens, value + 1)))
        return undefined;
      value++;
    }
    return readTerm(tokens, value);
  }
  return undefined;
}

/** A quoted term, an address, or up to four words that are neither function words nor words of the domain. */
function readTerm(tokens: readonly Token[], first: number): TermMatch | undefined {
  const start = tokens[first];
  if (!start) return undefined;
  if (start.kind === "quoted" || start.kind === "email") return { first, last: first };
  let last = -1;
  for (let k = first; k < tokens.length && k < first + LONGEST_TERM_IN_WORDS; k++) {
    const token = tokens[k];
    const word = token.lower;
    // "find omar's profile" names a user's record, not a term.
    if (token.kind !== "word" || token.possessive || TERM_ENDS.has(word) || isNoiseWord(word)) break;
    if (isFunctionWord(word) || conceptsOf(word).length > 0) break;
    last = k;
  }
  return last < 0 ? undefined : { first, last };
}

const lowerAt = (tokens: readonly Token[], k: number) => tokens[k]?.lower ?? "";
