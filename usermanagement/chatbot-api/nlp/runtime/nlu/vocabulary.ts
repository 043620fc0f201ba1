// The words the engine knows, learned from the training corpus: what counts as a known word (not a
// username, not off-topic), what a typo may be corrected to, and which words stand next to usernames.
import { correctTypo } from "./spelling";

export interface VocabularyData {
  /** Lowercase content words of the in-domain training utterances. */
  readonly knownWords: readonly string[];
  /** Content words written right before a username in training ("remove {username}", "who is …"). */
  readonly wordsBeforeUsername: readonly string[];
  /** Content words written right after a username that opens a sentence ("{username} has a new email"). */
  readonly wordsAfterUsername: readonly string[];
}

export interface Vocabulary {
  isKnown(lowerWord: string): boolean;
  /** `lowerWord` itself when known, else the known word it is a slip of, else `lowerWord`. */
  normalize(lowerWord: string): string;
  isWordBeforeUsername(lowerWord: string): boolean;
  isWordAfterUsername(lowerWord: string): boolean;
}

/** Three-letter shortenings typed without their vowel are common enough to correct ("usr", "lst"). */
const SHORTEST_CORRECTABLE = 3;

export function createVocabulary(data: VocabularyData): Vocabulary {
  const known = new Set(data.knownWords);
  const before = new Set(data.wordsBeforeUsername);
  const after = new Set(data.wordsAfterUsername);
  // Short known words are no correction targets: too many names are one slip away ("al" → "all").
  const keywords = data.knownWords.filter((word) => word.length >= 4);
  return {
    isKnown: (lowerWord) => known.has(lowerWord),
    normalize: (lowerWord) =>
      known.has(lowerWord) || lowerWord.length < SHORTEST_CORRECTABLE
        ? lowerWord
        : (correctTypo(lowerWord, keywords) ?? lowerWord),
    isWordBeforeUsername: (lowerWord) => before.has(lowerWord),
    isWordAfterUsername: (lowerWord) => after.has(lowerWord),
  };
}
