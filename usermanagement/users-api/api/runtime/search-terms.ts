// What the one search box matches, defined once: the terms a user is found by (written with the user) and the
// search an operator types (read from the query string) are both normalized here, so the two always agree.
import type { User } from "./contract";

/**
 * Words of a display name that each start a term. A name has at most 100 characters, but "a b c …" has 50
 * words; past the 20th, a word is found by typing the name from the 20th word on (that term runs to the end).
 * With the whole name, the username, the address and its domain, a user has at most 24 terms, so that a change (which puts the
 * new terms and deletes the old, beside the user and two email claims) stays far below DynamoDB's 100 items per
 * transaction.
 */
export const MAX_NAME_WORDS = 20;

/** A search longer than the longest email address (254 characters, RFC 5321) can't match anything. */
export const MAX_SEARCH_LENGTH = 254;

/**
 * Terms are cut at 254 characters and 900 UTF-8 bytes, so that a term's sort key (term, separator, username of
 * at most 32 characters) stays under DynamoDB's 1,024 bytes even when NFKC expands a character ("㍿" is "株式会社").
 */
const MAX_TERM_BYTES = 900;

// Unicode's word boundaries (UAX #29) with ICU's dictionaries for scripts written without spaces (Chinese,
// Japanese, Thai…); the root locale, so that the terms don't depend on the machine's locale. Node's official
// builds, and so Lambda's runtimes, embed full ICU.
const WORDS = new Intl.Segmenter("und", { granularity: "word" });

/**
 * The form both sides are compared in: compatibility forms folded (NFKC: fullwidth "ＡＢＣ" is "ABC", "ﬁ" is "fi"),
 * case folded without a locale (upper then lower case: "ß" is "ss", Turkish "İ" and "ı" are "i", final "ς" is
 * "σ"), nonspacing marks dropped (accents: "Zoë" is "zoe", "Ålesund" is "alesund"), invisible format characters
 * dropped, runs of white space one space, no space at either end.
 */
export function normalizeSearchText(text: string): string {
  return text
    .normalize("NFKC")
    .toUpperCase()
    .toLowerCase()
    .replaceAll("ς", "σ")
    .normalize("NFKD")
    .replace(/[\p{Mn}\p{Cf}]/gu, "")
    .normalize("NFC")
    .replace(/[\s\p{Z}]+/gu, " ")
    .trim();
}

/**
 * The distinct terms `user` is found by; a search matches the user when it is the start of one of them:
 * - the display name, whole and from each of its first {@link MAX_NAME_WORDS} words on ("ann johnson",
 *   "johnson"), so that "john" and "ann jo" both find Ann Johnson;
 * - the username;
 * - the email address, and its domain ("maria.g", "bob@" and "example.cn" each find an address).
 * A term that is the start of another (the username "bob" of "bob@example.com") is left out. Words are found in the name as written (marks and all: a Thai or Chinese word is the dictionary's), and each
 * term is normalized on its own.
 */
export function searchTermsOf(user: Pick<User, "username" | "email" | "displayName">): string[] {
  const name = user.displayName ?? "";
  const wordStarts = [...WORDS.segment(name)]
    .filter((segment) => segment.isWordLike)
    .slice(0, MAX_NAME_WORDS)
    .map((segment) => segment.index);
  const email = normalizeSearchText(user.email);
  const terms = [
    ...[0, ...wordStarts].map((start) => normalizeSearchText(name.slice(start))),
    normalizeSearchText(user.username),
    email,
    email.slice(email.lastIndexOf("@") + 1),
  ];
  const distinct = [...new Set(terms.map(clip).filter((term) => term !== ""))];
  // A term that starts another is left out: every search that finds it finds the longer one.
  return distinct.filter((term) => !distinct.some((other) => other !== term && other.startsWith(term)));
}

/** Whether `text` could be a term: something a cursor may safely claim as the place a search stopped at. */
export function isPossibleTerm(text: string): boolean {
  return text !== "" && !/\p{Cc}/u.test(text) && clip(text) === text;
}

const utf8 = new TextEncoder();

function clip(term: string): string {
  const characters = [...term].slice(0, MAX_SEARCH_LENGTH);
  while (utf8.encode(characters.join("")).length > MAX_TERM_BYTES) characters.pop();
  return characters.join("");
}
