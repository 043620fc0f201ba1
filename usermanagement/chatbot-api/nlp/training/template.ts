// Reads a training template such as "what is {username}'s email" into the pieces the classifier learns
// from, and collects the words that stand around usernames.
import { type EntitySlot, type Piece, toFeatures } from "../runtime/nlu/features";
import { expandShortForm, isFunctionWord } from "../runtime/nlu/function-words";
import { tokenize } from "../runtime/nlu/tokenize";

const PLACEHOLDER = /\{(username|email|displayName|searchTerm)\}/;
const POSSESSIVE_START = /^['’]s\b/;

interface TemplatePiece {
  readonly piece: Piece;
  /** A `{username}'s`: possessives say nothing about the words around a plain username. */
  readonly possessive: boolean;
}

export function parseTemplate(template: string): TemplatePiece[] {
  const pieces: TemplatePiece[] = [];
  template.split(PLACEHOLDER).forEach((part, k) => {
    // `split` with a capture group alternates literal text and placeholder names.
    if (k % 2 === 1) {
      pieces.push({ piece: { kind: "entity", slot: part as EntitySlot }, possessive: false });
      return;
    }
    let text = part;
    if (POSSESSIVE_START.test(text) && pieces.length > 0) {
      pieces[pieces.length - 1] = { ...pieces[pieces.length - 1], possessive: true };
      text = text.slice(2);
    }
    for (const token of tokenize(text)) {
      if (token.kind === "word") {
        pieces.push({ piece: { kind: "word", word: expandShortForm(token.lower) }, possessive: false });
      }
    }
  });
  return pieces;
}

export function templateFeatures(template: string, isInDomainStem: (stem: string) => boolean): string[] {
  const pieces = parseTemplate(template).map(({ piece }) => piece);
  return [...toFeatures(pieces, isInDomainStem).features];
}

/** Content words of a template, entities aside. */
export function contentWords(template: string): string[] {
  return wordsOf(parseTemplate(template));
}

const wordsOf = (pieces: readonly TemplatePiece[]) =>
  pieces.flatMap(({ piece }) => (piece.kind === "word" && !isFunctionWord(piece.word) ? [piece.word] : []));

/**
 * Content words before a plain `{username}`, and, when it opens the sentence, the words after it:
 * the contexts in which an unknown word may be taken for a username.
 */
export function usernameContexts(template: string): { before: string[]; after: string[] } {
  const pieces = parseTemplate(template);
  const before: string[] = [];
  const after: string[] = [];
  pieces.forEach((entry, k) => {
    if (entry.piece.kind !== "entity" || entry.piece.slot !== "username" || entry.possessive) return;
    const preceding = wordsOf(pieces.slice(0, k));
    before.push(...preceding);
    if (preceding.length === 0) after.push(...wordsOf(pieces.slice(k + 1)));
  });
  return { before, after };
}
