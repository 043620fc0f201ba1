// Finds a display name by the words that introduce one: "display name Heidi Klum", "name 'Oscar Wilde'",
// "the name of walter to Walter White", "rename carol to Carol Jones", "called Alice", "call him Oscar".
import { isDeterminer } from "./function-words";
import type { Token } from "./tokenize";

export interface DisplayNameMatch {
  /** Token indexes of the first and last token of the value. */
  readonly first: number;
  readonly last: number;
  /** The value as typed, without the words or quotes around it. */
  readonly originalValue: string;
  /** Introduced by "called"/"named", which may just as well introduce a username ("a user called bob"). */
  readonly maybeUsername: boolean;
  /** The user the phrase names on the way ("the name of walter to …", "rename carol to …"). */
  readonly usernameIndex?: number;
}

const NAME_NOUNS = new Set(["name", "displayname", "fullname", "display-name", "full-name"]);
const CALLED = new Set(["called", "named"]);
const PRONOUNS = new Set(["him", "her", "them", "it"]);
/** Words between the introduction and the value: "name is", "name to", "name: ", "name should now be". */
const LINKS = new Set(
  "to is as be now becomes become should must will shall needs need has have going : = -".split(" "),
);
/** The user a phrase is about: "the name *of* walter", "the display name *for* bob", "… *on* account dmitri". */
const OWNER_MARKERS = new Set(["of", "for", "on"]);
const USER_NOUNS = new Set(["user", "account", "username"]);
/** Words that end a display name written without quotes. */
const VALUE_ENDS = new Set(
  "and with to from in at email e-mail mail address please thanks thank username user but for who whose using".split(
    " ",
  ),
);
const LONGEST_VALUE_IN_WORDS = 6;

export function findDisplayName(utterance: string, tokens: readonly Token[]): DisplayNameMatch | undefined {
  for (let i = 0; i < tokens.length; i++) {
    const match = matchAt(utterance, tokens, i);
    if (match) return match;
  }
  return undefined;
}

function matchAt(utterance: string, tokens: readonly Token[], i: number): DisplayNameMatch | undefined {
  const word = tokens[i].kind === "word" ? tokens[i].lower : "";
  // "call him Oscar", "name them Ada Lovelace".
  if ((word === "call" || word === "name") && PRONOUNS.has(lowerAt(tokens, i + 1))) {
    return readValue(utterance, tokens, skipLinks(tokens, i + 2), false);
  }
  if (NAME_NOUNS.has(word)) {
    let next = i + 1;
    let usernameIndex: number | undefined;
    if (OWNER_MARKERS.has(lowerAt(tokens, next))) {
      next = skipWhile(tokens, next + 1, (t) => isDeterminer(t.lower) || USER_NOUNS.has(t.lower));
      usernameIndex = next;
      // Without a link word this is a question ("what's the name of bob?"), not a new value.
      if (!LINKS.has(lowerAt(tokens, next + 1))) return undefined;
      next += 1;
    }
    const value = readValue(utterance, tokens, skipLinks(tokens, next), false, usernameIndex);
    // "display name ⟨nothing this can read⟩": a value was given and must be said back, not dropped.
    const explicit = word !== "name" || /^(display|full)$/.test(lowerAt(tokens, i - 1));
    return value ?? (explicit && usernameIndex === undefined ? unreadable(next) : undefined);
  }
  if (CALLED.has(word)) return readValue(utterance, tokens, skipLinks(tokens, i + 1), true);
  if (word === "rename") {
    const usernameIndex = skipWhile(tokens, i + 1, (t) => isDeterminer(t.lower) || USER_NOUNS.has(t.lower));
    if (!LINKS.has(lowerAt(tokens, usernameIndex + 1))) return undefined;
    return readValue(utterance, tokens, skipLinks(tokens, usernameIndex + 1), false, usernameIndex);
  }
  return undefined;
}

/** A display name was announced but nothing after it could be read as one. */
const unreadable = (first: number): DisplayNameMatch => ({
  first,
  last: first - 1,
  originalValue: "",
  maybeUsername: false,
});

/** A name written from token `first` on, unquoted or quoted: "for Priya Patel, username ppatel". */
export function readNameAt(utterance: string, tokens: readonly Token[], first: number) {
  return readValue(utterance, tokens, first, false);
}

function readValue(
  utterance: string,
  tokens: readonly Token[],
  first: number,
  maybeUsername: boolean,
  usernameIndex?: number,
): DisplayNameMatch | undefined {
  const start = tokens[first];
  if (!start) return undefined;
  if (start.kind === "quoted") {
    return { first, last: first, originalValue: start.text, maybeUsername, usernameIndex };
  }
  let last = -1;
  let end = 0;
  let words = 0;
  for (let k = first; k < tokens.length; k++) {
    const token = tokens[k];
    if (token.kind === "word" && !VALUE_ENDS.has(token.lower)) {
      // A long run of words is a sentence, not a name.
      if (++words > LONGEST_VALUE_IN_WORDS) return undefined;
      [last, end] = [k, token.end];
    } else if (isSymbol(token)) {
      // A name may be written in symbols alone ("☃☃", "🌻 Team"): it is a name all the same.
      [last, end] = [k, token.end];
    } else if (isNameDot(tokens, k, last)) {
      end = token.end;
    } else {
      break;
    }
  }
  if (last < 0) return undefined;
  const originalValue = utterance.slice(start.start, end);
  return { first, last, originalValue, maybeUsername, usernameIndex };
}

/** Punctuation that can't be part of a name: clause breaks, brackets, quotes. */
const NOT_IN_NAMES = /[,;.!?:()[\]{}<>"“”‘’'`–—@]/u;
const isSymbol = (token: Token) => token.kind === "punctuation" && !NOT_IN_NAMES.test(token.text);

/** The dot of an initial or a title ("Grace M. Hopper", "Oscar W.", "Dr. Kim Lee") belongs to the name. */
function isNameDot(tokens: readonly Token[], k: number, last: number): boolean {
  if (tokens[k].text !== "." || last !== k - 1) return false;
  const length = tokens[last].text.length;
  return length === 1 || (length <= 3 && tokens[k + 1]?.kind === "word");
}

function skipLinks(tokens: readonly Token[], from: number): number {
  return skipWhile(tokens, from, (t) => LINKS.has(t.lower));
}

function skipWhile(tokens: readonly Token[], from: number, skip: (token: Token) => boolean): number {
  let k = from;
  while (k < tokens.length && skip(tokens[k])) k++;
  return k;
}

const lowerAt = (tokens: readonly Token[], k: number) => tokens[k]?.lower ?? "";
