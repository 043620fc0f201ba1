// Finds the entities of an utterance (email, username, display name, search term) and lays the utterance out as
// the pieces the classifier's features are made of.
import { findDisplayName, readNameAt } from "./display-name";
import type { Piece } from "./features";
import { expandShortForm, isFunctionWord } from "./function-words";
import { conceptsOf } from "./lexicon";
import { findSearchTerm } from "./search-term";
import { isClauseBreak, type Token, tokenize } from "./tokenize";
import { couldBeUsername, findUsername, joinedUsernames, type UsernameMatch, type Word } from "./username";
import type { Vocabulary } from "./vocabulary";

export interface EntityValue {
  /** As the user typed it. */
  readonly originalValue: string;
  /** Normalised: lowercase username and email, display name with its spaces tidied, search term as typed. */
  readonly interpretedValue: string;
}

export interface Entities {
  readonly email?: EntityValue;
  readonly username?: EntityValue;
  /** Other users the request names beside `username` ("delete alice and bob"), as typed. */
  readonly otherUsernames: readonly string[];
  readonly displayName?: EntityValue;
  /** What a search asks for: "find Zoë", "users starting with al". */
  readonly searchTerm?: EntityValue;
  /** The utterance in order, entities as such and every other word normalised. */
  readonly pieces: readonly Piece[];
}

interface Span {
  readonly first: number;
  readonly last: number;
  readonly originalValue: string;
}

interface People {
  readonly username?: UsernameMatch;
  readonly others: readonly number[];
  readonly displayName?: Span;
  readonly searchTerm?: Span;
}

export function extractEntities(utterance: string, vocabulary: Vocabulary): Entities {
  const tokens = tokenize(utterance);
  const typed = tokens.map((token) => ({
    token,
    word: token.kind === "word" ? expandShortForm(token.lower) : token.lower,
  }));
  const corrected = typed.map(({ token, word }) => ({
    token,
    word: token.kind === "word" ? vocabulary.normalize(word) : word,
  }));
  // A correction is a guess, taken only when everything else is on topic: "delte bob" is a slip, but in
  // "can you sing a song" the unknown "song" says "sing" is a word of its own, not a slip of "sign".
  let words: readonly Word[] = corrected;
  let people = findPeople(utterance, corrected, vocabulary);
  const guessed = corrected.some(({ word }, k) => word !== typed[k].word);
  if (guessed && hasUnknownWord(corrected, people, vocabulary)) {
    words = typed;
    people = findPeople(utterance, typed, vocabulary);
  }
  const { username, others, displayName, searchTerm } = people;
  const emailIndex = tokens.findIndex((token) => token.kind === "email");
  const within = (span: Span | undefined, k: number) =>
    span !== undefined && k >= span.first && k <= span.last;

  const pieces: Piece[] = [];
  words.forEach(({ token, word }, k) => {
    if (k === username?.index)
      pieces.push({ kind: "entity", slot: "username", possessive: token.possessive });
    else if (others.includes(k)) pieces.push({ kind: "entity", slot: "username" });
    else if (within(searchTerm, k)) {
      if (k === searchTerm?.first) pieces.push({ kind: "entity", slot: "searchTerm" });
    } else if (token.kind === "email") pieces.push({ kind: "entity", slot: "email" });
    else if (within(displayName, k)) {
      if (k === displayName?.first) pieces.push({ kind: "entity", slot: "displayName" });
    } else if (token.kind === "word") pieces.push({ kind: "word", word });
    else if (isClauseBreak(token)) pieces.push({ kind: "break" });
  });

  return {
    email: emailIndex >= 0 ? lowercase(tokens[emailIndex]) : undefined,
    username: username && lowercase(tokens[username.index]),
    otherUsernames: others.map((k) => tokens[k].lower),
    displayName: displayName && tidyName(displayName.originalValue),
    searchTerm: searchTerm && {
      originalValue: searchTerm.originalValue,
      interpretedValue: searchTerm.originalValue,
    },
    pieces,
  };
}

/** A content word outside the entities that the domain doesn't know. */
function hasUnknownWord(words: readonly Word[], people: People, vocabulary: Vocabulary): boolean {
  const { username, displayName, searchTerm } = people;
  const inside = (span: Span | undefined, k: number) =>
    span !== undefined && k >= span.first && k <= span.last;
  return words.some(
    ({ token, word }, k) =>
      token.kind === "word" &&
      k !== username?.index &&
      !inside(searchTerm, k) &&
      !inside(displayName, k) &&
      !isFunctionWord(word) &&
      !vocabulary.isKnown(word),
  );
}

/**
 * The username, the display name and a search term, which compete for the same words ("add a user called bob";
 * "users starting with bob" names no user).
 */
function findPeople(utterance: string, words: readonly Word[], vocabulary: Vocabulary): People {
  const tokens = words.map(({ token }) => token);
  const term = findSearchTerm(tokens);
  const searchTerm = term && spanOf(utterance, tokens, term.first, term.last);
  const overlapsTerm = (first: number, last: number) =>
    term !== undefined && first <= term.last && last >= term.first;
  const match = findDisplayName(utterance, tokens);
  let displayName: Span | undefined = match && !overlapsTerm(match.first, match.last) ? match : undefined;
  const excluded = new Set<number>();
  tokens.forEach((token, k) => {
    if (token.kind === "email" || overlapsTerm(k, k)) excluded.add(k);
  });
  if (displayName) for (let k = displayName.first; k <= displayName.last; k++) excluded.add(k);

  let username = findUsername(words, vocabulary, excluded);
  // "the name of walter to …", "rename carol to …": the phrase itself says whose name it is.
  if (
    match?.usernameIndex !== undefined &&
    displayName &&
    username?.evidence !== "cue" &&
    username?.evidence !== "explicit"
  ) {
    const owner = words[match.usernameIndex];
    if (owner && couldBeUsername(owner, vocabulary))
      username = { index: match.usernameIndex, evidence: "cue" };
  }
  // "a user called bob": one plain word after "called" is the username, unless one was named before it
  // (other than by the person "called" it: "give access to a new person called dario").
  if (
    displayName &&
    match?.maybeUsername &&
    match.first === match.last &&
    couldBeUsername(words[match.first], vocabulary)
  ) {
    const calledPerson = conceptsOf(words[match.first - 2]?.word ?? "").includes("person");
    if (!username || (username.evidence !== "explicit" && (calledPerson || username.index > match.first))) {
      username = { index: match.first, evidence: "cue" };
      displayName = undefined;
    }
  }
  // "new account for Priya Patel, username ppatel": the person named beside an explicit username is its name.
  if (!displayName && username?.personIndex !== undefined) {
    displayName = readNameAt(utterance, tokens, username.personIndex);
  }
  // Quoted text nobody claimed is most likely the display name: `create bob "Bob Smith" bob@example.com`.
  if (!displayName) {
    const quoted = tokens.findIndex(
      (token, k) => token.kind === "quoted" && k !== username?.index && !excluded.has(k),
    );
    if (quoted >= 0) displayName = { first: quoted, last: quoted, originalValue: tokens[quoted].text };
  }
  const claimed = new Set(excluded);
  if (displayName) for (let k = displayName.first; k <= displayName.last; k++) claimed.add(k);
  const others = username ? joinedUsernames(words, vocabulary, claimed, username.index) : [];
  return { username, others, displayName, searchTerm };
}

function spanOf(utterance: string, tokens: readonly Token[], first: number, last: number): Span {
  const start = tokens[first];
  const originalValue = start.kind === "quoted" ? start.text : utterance.slice(start.start, tokens[last].end);
  return { first, last, originalValue: originalValue.replace(/['’]s$/, "").trim() };
}

const lowercase = (token: Token): EntityValue => ({
  originalValue: token.text,
  interpretedValue: token.lower,
});

function tidyName(originalValue: string): EntityValue {
  return { originalValue, interpretedValue: originalValue.trim().replace(/\s+/g, " ") };
}
