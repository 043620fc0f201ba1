// Porter2 stems, remembered: the engine stems the same few words many times per utterance (features, the
// vocabulary, the lexicon, username contexts). The memory is bounded, since the words come from anyone.
import porter2 from "wink-porter2-stemmer";

const REMEMBERED = 5000;
const stems = new Map<string, string>();

/** Porter2 stem of one lowercase English word: "users" → "user", "deleting" → "delet". */
export function stem(lowerWord: string): string {
  let found = stems.get(lowerWord);
  if (found === undefined) {
    if (stems.size >= REMEMBERED) stems.clear();
    found = porter2(lowerWord);
    stems.set(lowerWord, found);
  }
  return found;
}
