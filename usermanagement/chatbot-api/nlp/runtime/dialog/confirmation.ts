// How a reply to "Delete user bob? (yes/no)" is read. A deletion cannot be undone, so only an unambiguous
// yes confirms. The reply is cut into clauses (at punctuation and at "but", "and", "or"), each clause is
// read on its own, and the answer is the most cautious of the readings:
//
// - Negation: a negator ("not", "never", any "n't") voids every yes-word of its clause and makes the clause
//   a no: "absolutely not", "of course not", "not ok", "not right now", "do not do it". A negated "sure",
//   "certain" or "know" is doubt rather than refusal: "not sure", "I'm not sure", "I don't know".
// - Hedges make a clause unclear, whatever else it says: "maybe", "probably", "I think", "I guess".
// - A yes stands only with words that add nothing: politeness and the deletion itself ("yes please",
//   "yes, delete him", "yes, delete bob" for bob). Any other word is another request ("sure, but delete
//   alice instead", "ok show me alice first"), so the clause is unclear.
// - A question ("ok?", "are you sure?") is unclear.
// Any no-clause makes the answer a no ("yes… no wait"); otherwise any unclear clause makes it unclear;
// only an answer whose clauses are all yes (or mere politeness, "thanks") is a yes.
import { type Token, tokenize } from "../nlu/tokenize";

export type Confirmation = "yes" | "no" | "unclear";

type Reading = Confirmation | "neutral";

const words = (list: string) => new Set(list.split(/\s+/));

/** Say yes by themselves; an action word names the deletion that was asked about. */
const YES = words(`yes y yeah yea yep yup ya yass sure ok okay k kk alright aye affirmative confirm confirmed
  correct right absolutely definitely certainly indeed proceed fine delete remove erase`);
/** Say no by themselves. */
const NO = words("no n nope nah nay cancel stop abort negative nevermind keep wait hold");
/** Void the yes-words of their clause. Contractions ending in "n't" are negators too. */
const NEGATORS = words("not never dont cant wont isnt shouldnt wouldnt didnt doesnt");
/** A negated one of these is doubt: "not sure", "not certain", "I don't know". */
const DOUBT = words("sure certain know");
const HEDGES = words(`maybe perhaps probably possibly guess suppose think believe unsure hmm hm um uh er erm
  dunno idk kinda sorta`);
/** Words that may stand beside a yes without changing it. */
const FILLER = words(`please pls plz thanks thank you thx ty cheers just then now so very really totally much
  i i'm im am it him her them that this that's the user account deletion go ahead do for sir mate oh well`);

/**
 * Several words read as one: replaced before the clause is read. Only phrases whose words alone would read
 * otherwise ("no idea" is no refusal); "never mind" is a negated clause and "kind of" an unclear one already.
 */
const PHRASES: readonly (readonly [readonly string[], string])[] = [
  [["go", "ahead"], "yes"],
  [["go", "for", "it"], "yes"],
  [["do", "it"], "yes"],
  [["of", "course"], "yes"],
  [["please", "do"], "yes"],
  [["no", "problem"], "yes"],
  [["no", "worries"], "yes"],
  [["sounds", "good"], "yes"],
  [["changed", "my", "mind"], "no"],
  [["no", "idea"], "maybe"],
];

const CLAUSE_BREAKS = words(", ; . ! … : - – — but and or though although however");

/** `username` is the user the question was about: naming them again ("yes, delete bob") is still a yes. */
export function readConfirmation(text: string, username?: string): Confirmation {
  const tokens = tokenize(text);
  const readings = clausesOf(tokens).map((clause) => readClause(clause, username));
  if (readings.includes("no")) return "no";
  const isQuestion = tokens.some((token) => token.text === "?");
  if (isQuestion || readings.includes("unclear") || !readings.includes("yes")) return "unclear";
  return "yes";
}

function readClause(clause: readonly string[], username: string | undefined): Reading {
  const negator = clause.findIndex(isNegator);
  if (negator >= 0) return clause.slice(negator + 1).some((word) => DOUBT.has(word)) ? "unclear" : "no";
  if (clause.some((word) => NO.has(word))) return "no";
  if (clause.some((word) => HEDGES.has(word))) return "unclear";
  const isPlain = (word: string) => YES.has(word) || FILLER.has(word) || word === username;
  if (!clause.every(isPlain)) return "unclear";
  return clause.some((word) => YES.has(word)) ? "yes" : "neutral";
}

const isNegator = (word: string) => NEGATORS.has(word) || /n['’]t$/.test(word);

/** The lowercase words of each clause, phrases replaced by the one word they stand for. */
function clausesOf(tokens: readonly Token[]): string[][] {
  const clauses: string[][] = [[]];
  for (const token of tokens) {
    if (CLAUSE_BREAKS.has(token.lower)) clauses.push([]);
    else if (token.kind !== "punctuation") clauses[clauses.length - 1].push(token.lower);
  }
  return clauses.filter((clause) => clause.length > 0).map(replacePhrases);
}

function replacePhrases(clause: readonly string[]): string[] {
  const result: string[] = [];
  for (let k = 0; k < clause.length; k++) {
    const phrase = PHRASES.find(([parts]) => parts.every((part, j) => clause[k + j] === part));
    if (phrase) {
      result.push(phrase[1]);
      k += phrase[0].length - 1;
    } else {
      result.push(clause[k]);
    }
  }
  return result;
}
