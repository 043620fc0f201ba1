// The words the engine knows, learned from the training corpus: what counts as a known word (not a
// username, not off-topic), what a typo may be corrected to, and which words stand next to usernames.

import { isFunctionWord } from "./function-words";
import { conceptsOf, phrasesOpenedBy } from "./lexicon";
import { correctTypo } from "./spelling";
import { stem } from "./stem";

export interface VocabularyData {
  /** Lowercase content words of the in-domain training utterances. */
  readonly knownWords: readonly string[];
  /** Content words written right before a username in training ("remove {username}", "who is …"). */
  readonly wordsBeforeUsername: readonly string[];
  /** Content words written right after a username that opens a sentence ("{username} has a new email"). */
  readonly wordsAfterUsername: readonly string[];
}

export interface Vocabulary {
  /**
   * The word, or another form of it ("registered" for "register"), occurs in the in-domain corpus, or the
   * lexicon knows it.
   */
  isKnown(lowerWord: string): boolean;
  /** The stem is that of a content word of the in-domain corpus. */
  isCorpusStem(stem: string): boolean;
  /** `lowerWord` itself when known or a function word, else the known word it is a slip of, else `lowerWord`. */
  normalize(lowerWord: string): string;
  isWordBeforeUsername(lowerWord: string): boolean;
  isWordAfterUsername(lowerWord: string): boolean;
}

/** Three-letter shortenings typed without their vowel are common enough to correct ("usr", "lst"). */
const SHORTEST_CORRECTABLE = 3;

export function createVocabulary(data: VocabularyData): Vocabulary {
  // Known words compare by stem, so that one form in the corpus or the lexicon stands for all ("deleted").
  // Username contexts compare exactly: "called bob" makes no "call bob".
  const known = new Set(data.knownWords.map(stem));
  const before = new Set(data.wordsBeforeUsername);
  const after = new Set(data.wordsAfterUsername);
  const isKnown = (lowerWord: string) =>
    known.has(stem(lowerWord)) || conceptsOf(lowerWord).length > 0 || phrasesOpenedBy(lowerWord).length > 0;
  // Short known words are no correction targets: too many names are one slip away ("al" → "all").
  const keywords = data.knownWords.filter((word) => word.length >= 4);
  return {
    isKnown,
    isCorpusStem: (wordStem) => known.has(wordStem),
    normalize: (lowerWord) =>
      isKnown(lowerWord) || isFunctionWord(lowerWord) || lowerWord.length < SHORTEST_CORRECTABLE
        ? lowerWord
        : (correctTypo(lowerWord, keywords) ?? lowerWord),
    isWordBeforeUsername: (lowerWord) => before.has(lowerWord),
    isWordAfterUsername: (lowerWord) => after.has(lowerWord),
  };
}
