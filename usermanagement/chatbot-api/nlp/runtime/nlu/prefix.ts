// Finds the start of a username a search asks for, by the words that introduce one: "users starting with
// al", "which accounts begin with 'mar'", "usernames with the prefix dev".
import type { Token } from "./tokenize";

/** "start with", "begins with", "beginning with": a verb of beginning, then "with". */
const BEGIN_VERBS = new Set("start starts starting started begin begins beginning began".split(" "));
/** "prefix dev", "prefixed with dev", "the prefix is dev". */
const PREFIX_NOUNS = new Set(["prefix", "prefixed"]);
/** Words between the introduction and the value: "with the letters jo", "prefix is: dev". */
const LINKS = new Set("with the a an letter letters characters is of : = text string".split(" "));

/** The index of the token holding the prefix, or undefined when the utterance names none. */
export function findPrefix(tokens: readonly Token[]): number | undefined {
  for (let k = 0; k < tokens.length; k++) {
    const word = tokens[k].lower;
    const introduces = (BEGIN_VERBS.has(word) && tokens[k + 1]?.lower === "with") || PREFIX_NOUNS.has(word);
    if (!introduces) continue;
    // The last word is the value even when it could be a link: "users starting with a".
    let value = k + 1;
    while (value < tokens.length - 1 && LINKS.has(tokens[value].lower)) value++;
    const token = tokens[value];
    if (token && (token.kind === "word" || token.kind === "quoted")) return value;
  }
  return undefined;
}
