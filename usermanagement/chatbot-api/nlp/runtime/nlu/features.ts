// What the classifier sees of an utterance: stems of its words, entities replaced by masks ("delete bob"
// and "delete carol" are one sentence to it) and off-topic words replaced by one `<unknown>` feature, so
// that the off-topic class learns "many words this domain never uses". Training and prediction both
// come here.
import stem from "wink-porter2-stemmer";
import { isFunctionWord, isNoiseWord } from "./function-words";

export const MASKS = {
  username: "<username>",
  email: "<email>",
  displayName: "<name>",
  prefix: "<prefix>",
  unknown: "<unknown>",
} as const;

const PLURAL = "<plural>";
const SUBJECT = "<subject>";

export type EntitySlot = "username" | "email" | "displayName" | "prefix";

/** One word or entity of an utterance, in order. */
export type Piece =
  | { readonly kind: "entity"; readonly slot: EntitySlot }
  | { readonly kind: "word"; readonly word: string };

export interface Features {
  readonly features: readonly string[];
  /** Content words (not function words, not entities) the in-domain corpus uses. */
  readonly knownWords: readonly string[];
  /** Content words it never uses. */
  readonly unknownWordCount: number;
}

/** `isInDomainStem` tells the words of the user-management corpus from all others. */
export function toFeatures(pieces: readonly Piece[], isInDomainStem: (stem: string) => boolean): Features {
  const features: string[] = [];
  const knownWords: string[] = [];
  let unknownWordCount = 0;
  for (const [k, piece] of pieces.entries()) {
    if (piece.kind === "entity") {
      features.push(MASKS[piece.slot]);
      // A user as the subject ("bob has a new email", "bob left") is talked about, not created.
      if (k === 0 && piece.slot === "username") features.push(SUBJECT);
    } else if (!isNoiseWord(piece.word)) {
      const wordStem = stem(piece.word);
      if (isFunctionWord(piece.word)) {
        features.push(wordStem);
      } else if (isInDomainStem(wordStem)) {
        features.push(wordStem);
        // Stemming folds "users" into "user", but the plural is what tells "show users" from "show user bob".
        if (piece.word === `${wordStem}s`) features.push(PLURAL);
        knownWords.push(piece.word);
      } else {
        features.push(MASKS.unknown);
        unknownWordCount++;
      }
    }
  }
  return { features, knownWords, unknownWordCount };
}
