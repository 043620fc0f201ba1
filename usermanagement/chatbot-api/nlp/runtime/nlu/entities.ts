// Finds the entities of an utterance (email, username, display name) and lays the utterance out as the
// pieces the classifier's features are made of.
import { findDisplayName } from "./display-name";
import type { Piece } from "./features";
import { expandShortForm, isFunctionWord } from "./function-words";
import { findPrefix } from "./prefix";
import { type Token, tokenize } from "./tokenize";
import { couldBeUsername, findUsername, type UsernameMatch, type Word } from "./username";
import type { Vocabulary } from "./vocabulary";

export interface EntityValue {
  /** As the user typed it. */
  readonly originalValue: string;
  /** Normalised: lowercase username and email, display name with its spaces tidied. */
  readonly interpretedValue: string;
}

export interface Entities {
  readonly email?: EntityValue;
  readonly username?: EntityValue;
  readonly displayName?: EntityValue;
  /** The start of a username a search asks for: "users starting with al". */
  readonly prefix?: EntityValue;
  /** The utterance in order, entities as such and every other word normalised. */
  readonly pieces: readonly Piece[];
}

interface Span {
  readonly first: number;
  readonly last: number;
  readonly originalValue: string;
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
  const { username, displayName, prefix } = people;
  const emailIndex = tokens.findIndex((token) => token.kind === "email");

  const pieces: Piece[] = [];
  words.forEach(({ token, word }, k) => {
    if (token.kind === "email") pieces.push({ kind: "entity", slot: "email" });
    else if (k === username?.index) pieces.push({ kind: "entity", slot: "username" });
    else if (k === prefix) pieces.push({ kind: "entity", slot: "prefix" });
    else if (displayName && k >= displayName.first && k <= displayName.last) {
      if (k === displayName.first) pieces.push({ kind: "entity", slot: "displayName" });
    } else if (token.kind === "word") pieces.push({ kind: "word", word });
  });

  return {
    email: emailIndex >= 0 ? emailValue(tokens[emailIndex]) : undefined,
    username: username && {
      originalValue: tokens[username.index].text,
      interpretedValue: tokens[username.index].lower,
    },
    displayName: displayName && displayNameValue(displayName.originalValue),
    prefix:
      prefix === undefined
        ? undefined
        : { originalValue: tokens[prefix].text, interpretedValue: tokens[prefix].lower },
    pieces,
  };
}

interface People {
  readonly username?: UsernameMatch;
  readonly displayName?: Span;
  /** Token index of a username prefix. */
  readonly prefix?: number;
}

/** A content word outside the entities that the domain doesn't know. */
function hasUnknownWord(words: readonly Word[], people: People, vocabulary: Vocabulary): boolean {
  const { username, displayName, prefix } = people;
  return words.some(
    ({ token, word }, k) =>
      token.kind === "word" &&
      k !== username?.index &&
      k !== prefix &&
      !(displayName && k >= displayName.first && k <= displayName.last) &&
      !isFunctionWord(word) &&
      !vocabulary.isKnown(word),
  );
}

/**
 * The username, the display name and a username prefix, which compete for the same words ("add a user
 * called bob"; "users starting with bob" names no user).
 */
function findPeople(utterance: string, words: readonly Word[], vocabulary: Vocabulary): People {
  const tokens = words.map(({ token }) => token);
  const match = findDisplayName(utterance, tokens);
  let displayName: Span | undefined = match;
  const excluded = new Set<number>();
  tokens.forEach((token, k) => {
    if (token.kind === "email") excluded.add(k);
  });
  if (match) for (let k = match.first; k <= match.last; k++) excluded.add(k);
  const prefix = findPrefix(tokens);
  if (prefix !== undefined) excluded.add(prefix);

  let username = findUsername(words, vocabulary, excluded);
  // "the name of walter to …", "rename carol to …": the phrase itself says whose name it is.
  if (match?.usernameIndex !== undefined && username?.evidence !== "cue") {
    const owner = words[match.usernameIndex];
    if (owner && couldBeUsername(owner, vocabulary))
      username = { index: match.usernameIndex, evidence: "cue" };
  }
  // "a user called bob": one plain word after "called" is the username, unless one was named before it.
  if (match?.maybeUsername && match.first === match.last && couldBeUsername(words[match.first], vocabulary)) {
    if (!username || username.index > match.first) {
      username = { index: match.first, evidence: "cue" };
      displayName = undefined;
    }
  }
  // Quoted text nobody claimed is most likely the display name: `create bob "Bob Smith" bob@example.com`.
  if (!displayName) {
    const quoted = tokens.findIndex(
      (token, k) => token.kind === "quoted" && k !== username?.index && k !== prefix,
    );
    if (quoted >= 0) displayName = { first: quoted, last: quoted, originalValue: tokens[quoted].text };
  }
  return { username, displayName, prefix };
}

function emailValue(token: Token): EntityValue {
  return { originalValue: token.text, interpretedValue: token.lower };
}

function displayNameValue(originalValue: string): EntityValue {
  return { originalValue, interpretedValue: originalValue.trim().replace(/\s+/g, " ") };
}
