// Reads a training template such as "what is {username}'s email" into the pieces the classifier learns
// from, as the engine reads an utterance, and collects the words that stand around usernames.
import { type EntitySlot, type Piece, toFeatures } from "../runtime/nlu/features";
import { expandShortForm, isFunctionWord } from "../runtime/nlu/function-words";
import { isClauseBreak, tokenize } from "../runtime/nlu/tokenize";

const PLACEHOLDER = /\{(username|email|displayName|searchTerm)\}/;
const POSSESSIVE_START = /^['’]s\b/;

export function parseTemplate(template: string): Piece[] {
  const pieces: Piece[] = [];
  template.split(PLACEHOLDER).forEach((part, k) => {
    // `split` with a capture group alternates literal text and placeholder names.
    if (k % 2 === 1) {
      pieces.push({ kind: "entity", slot: part as EntitySlot });
      return;
    }
    let text = part;
    const last = pieces.at(-1);
    if (POSSESSIVE_START.test(text) && last?.kind === "entity") {
      pieces[pieces.length - 1] = { ...last, possessive: true };
      text = text.slice(2);
    }
    for (const token of tokenize(text)) {
      if (token.kind === "word") pieces.push({ kind: "word", word: expandShortForm(token.lower) });
      else if (isClauseBreak(token)) pieces.push({ kind: "break" });
    }
  });
  return pieces;
}

export function templateFeatures(template: string, isInDomainStem: (stem: string) => boolean): string[] {
  return [...toFeatures(parseTemplate(template), isInDomainStem).features];
}

/** Content words of a template, entities aside. */
export function contentWords(template: string): string[] {
  return wordsOf(parseTemplate(template));
}

const wordsOf = (pieces: readonly Piece[]) =>
  pieces.flatMap((piece) => (piece.kind === "word" && !isFunctionWord(piece.word) ? [piece.word] : []));

/**
 * Content words before a plain `{username}`, and, when it opens the sentence, the words after it:
 * the contexts in which an unknown word may be taken for a username. Possessives ("{username}'s email") say
 * nothing about the words around a plain username.
 */
export function usernameContexts(template: string): { before: string[]; after: string[] } {
  const pieces = parseTemplate(template);
  const before: string[] = [];
  const after: string[] = [];
  pieces.forEach((piece, k) => {
    if (piece.kind !== "entity" || piece.slot !== "username" || piece.possessive) return;
    const preceding = wordsOf(pieces.slice(0, k));
    before.push(...preceding);
    if (preceding.length === 0) after.push(...wordsOf(pieces.slice(k + 1)));
  });
  return { before, after };
}
