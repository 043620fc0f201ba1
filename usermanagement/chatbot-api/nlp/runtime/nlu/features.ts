// What the classifier sees of an utterance. Entities become masks ("delete bob" and "delete carol" are one
// sentence to it); a word the lexicon knows becomes its concept ("remove" and "erase" are one word to it); any
// other word the in-domain corpus uses stays itself (stemmed); the rest becomes `<unknown>`, so that the
// off-topic class learns "many words this domain never uses". A few features describe the sentence's shape:
// where the user stands, a verb in the past, a noun phrase the domain doesn't know. Training and prediction
// both come here.

import { isDeterminer, isFunctionWord, isNoiseWord } from "./function-words";
import { type Concept, conceptFeature, conceptsOf, phrasesOpenedBy } from "./lexicon";
import { stem } from "./stem";

export const MASKS = {
  username: "<username>",
  email: "<email>",
  displayName: "<name>",
  searchTerm: "<term>",
  unknown: "<unknown>",
} as const;

const SHAPES = {
  /** "show users", not "show user bob": stemming folds the plural of people the intent depends on. */
  people: "<people>",
  /** A user as the subject ("bob has a new email", "bob left") is talked about, not created. */
  subject: "<subject>",
  /** "bob's email", "bob's account": a user who owns something is looked at or changed, not created. */
  possessive: "<possessive>",
  /** "who signed up", "bob changed his email": a verb in the past tells of a change rather than asking one. */
  past: "<past>",
  /** "the report", "my files": a noun phrase the domain doesn't know is what the request acts on. */
  foreignObject: "<foreign-object>",
  /** "what is …", "is there …", "does bob exist": a question reads; changes are asked for, not asked about. */
  question: "<question>",
  /** "bob's email", "the email for bob": a field of an existing user, which is read or changed, never created. */
  ownerField: "<owner-field>",
  /** No address and no name given: nothing to create or change a user with, so more likely a read. */
  noValue: "<no-value>",
} as const;

/** The request's operation, its first verb on users: it weighs more than the verbs after it. */
const OPERATIONS: ReadonlySet<Concept> = new Set(["create", "read", "update", "delete", "list", "search"]);
const operationFeature = (concept: Concept) => `<operation-${concept}>`;

/** Words that open a question: "what …", "is there …", "does bob exist?". */
const QUESTION_OPENERS = new Set(
  "what which who whose where when how why is are was were does do did has have".split(" "),
);
/** Concepts of a user's fields. */
const FIELDS: ReadonlySet<Concept> = new Set(["email", "name", "record"]);
/** The words that tie a field to its user: "the email *of* bob", "the name *for* bob", "… *on* account bob". */
const OWNER_LINKS = new Set(["of", "for", "on"]);

export type EntitySlot = "username" | "email" | "displayName" | "searchTerm";

/** One word or entity of an utterance, in order, or the end of a clause (a comma, a full stop). */
export type Piece =
  | { readonly kind: "entity"; readonly slot: EntitySlot; readonly possessive?: boolean }
  | { readonly kind: "word"; readonly word: string }
  | { readonly kind: "break" };

export interface Features {
  readonly features: readonly string[];
  /** Content words (not function words, not entities) the domain knows: the corpus uses them or the lexicon. */
  readonly knownWords: readonly string[];
  /** Content words it doesn't know. */
  readonly unknownWords: readonly string[];
  /**
   * The unknown words that may change what is asked ("disable", "admin", "password"): all but those that merely
   * describe a person ("a *brand* new user", "the *temp* account").
   */
  readonly unplacedWords: readonly string[];
  /** The request's first content word, when the domain doesn't know it: an operation it doesn't have ("lock"). */
  readonly unknownOperation?: string;
  /** The concepts the words stand for, in order. */
  readonly concepts: readonly Concept[];
  /** The concepts of the request's operation, its first verb on users ("make" creates or changes). */
  readonly operation: readonly Concept[];
  /** A question about a change made ("who is registered?", "was bob deleted?"), which asks for none. */
  readonly asksAboutPast: boolean;
}

/** Concepts that may open an utterance before its request. */
const PREAMBLE: ReadonlySet<Concept> = new Set(["greet", "want"]);

/** Verbs whose past tense tells of a change ("was created", "has left"). */
const TELLING_CONCEPTS: ReadonlySet<Concept> = new Set(["create", "update", "delete"]);

/** `isInDomainStem` tells the words of the user-management corpus from all others. */
export function toFeatures(pieces: readonly Piece[], isInDomainStem: (stem: string) => boolean): Features {
  const features: string[] = [];
  const knownWords: string[] = [];
  const unknownWords: string[] = [];
  const unplacedWords: string[] = [];
  const concepts: Concept[] = [];
  const particles = new Set<number>();
  features.push(...sentenceShapes(pieces));
  const context = contextClauses(pieces);
  let unknownOperation: string | undefined;
  let opened = false;
  let operation: readonly Concept[] = [];
  let past = false;
  for (const [k, piece] of pieces.entries()) {
    if (piece.kind === "break") continue;
    if (piece.kind === "entity") {
      features.push(...entityFeatures(pieces, k));
      continue;
    }
    const { word } = piece;
    if (particles.has(k) || isNoiseWord(word)) continue;
    const isOpening = !opened && !isFunctionWord(word);
    const phrase = findPhrase(pieces, k);
    if (phrase) particles.add(phrase.particle);
    const wordConcepts = phrase?.concepts ?? (isFunctionWord(word) ? [] : conceptsOf(word));
    const wordStem = stem(word);
    // Greetings and wishes come before the request: "hi, lock bob", "I want to lock bob".
    if (isOpening && !wordConcepts.some((concept) => PREAMBLE.has(concept))) opened = true;
    if (wordConcepts.length > 0) {
      for (const concept of wordConcepts) features.push(conceptFeature(concept));
      operation = narrowed(operation, wordConcepts);
      concepts.push(...wordConcepts);
      if (word.endsWith("ed") && wordConcepts.some((concept) => TELLING_CONCEPTS.has(concept))) {
        features.push(SHAPES.past);
        past = true;
      }
      knownWords.push(word);
    } else if (isFunctionWord(word)) {
      features.push(wordStem);
    } else if (isInDomainStem(wordStem)) {
      features.push(wordStem);
      knownWords.push(word);
    } else {
      features.push(MASKS.unknown);
      const describing = describesPerson(pieces, k);
      if (!context.has(k) && !describing && inNounPhrase(pieces, k)) features.push(SHAPES.foreignObject);
      unknownWords.push(word);
      if (!describing && !context.has(k)) unplacedWords.push(word);
      if (isOpening) unknownOperation = word;
    }
    if (word === `${wordStem}s` && wordConcepts.includes("person")) features.push(SHAPES.people);
  }
  // "open the profile of bob": a field of an existing user is not created.
  if (operation.length > 1 && features.includes(SHAPES.ownerField)) {
    operation = operation.filter((concept) => concept !== "create");
  }
  for (const concept of operation) features.push(operationFeature(concept));
  const asksAboutPast = past && features.includes(SHAPES.question);
  return {
    features,
    knownWords,
    unknownWords,
    unplacedWords,
    unknownOperation,
    concepts,
    operation,
    asksAboutPast,
  };
}

/** Shapes of the whole utterance: a question; no address or name given. */
function sentenceShapes(pieces: readonly Piece[]): string[] {
  const shapes: string[] = [];
  const opening = pieces.find((piece) => piece.kind !== "word" || !isNoiseWord(piece.word));
  if (opening?.kind === "word" && QUESTION_OPENERS.has(opening.word)) shapes.push(SHAPES.question);
  const givesValue = pieces.some(
    (piece) => piece.kind === "entity" && (piece.slot === "email" || piece.slot === "displayName"),
  );
  if (!givesValue) shapes.push(SHAPES.noValue);
  return shapes;
}

/** An entity's mask and, for a username, where the user stands. */
function entityFeatures(pieces: readonly Piece[], k: number): string[] {
  const piece = pieces[k];
  if (piece.kind !== "entity") return [];
  if (piece.slot !== "username") return [MASKS[piece.slot]];
  return [
    MASKS.username,
    ...(k === 0 ? [SHAPES.subject] : []),
    ...(piece.possessive ? [SHAPES.possessive] : []),
    ...(ownsField(pieces, k) ? [SHAPES.ownerField] : []),
  ];
}

/**
 * The request's operation so far, given the concepts of the next word: the first verb on users sets it, and
 * "make a new user" narrows a verb of two operations to the one a later word names.
 */
function narrowed(operation: readonly Concept[], wordConcepts: readonly Concept[]): readonly Concept[] {
  const operations = wordConcepts.filter((concept) => OPERATIONS.has(concept));
  if (operation.length === 0) return operations;
  if (operation.length > 1 && operations.length === 1 && operation.includes(operations[0])) return operations;
  return operation;
}

/** Pronouns that open a clause telling of someone rather than asking something: "she left", "his name is …". */
const SUBJECTS = new Set("i we he she they it his her their our my its".split(" "));

/**
 * The pieces of clauses that tell why rather than ask ("ilse has left the company, remove her"): clauses
 * opening with a user or a pronoun, when another clause asks for the operation. Their unknown words are
 * context; in a request that is all telling ("bob should be disabled") they are not.
 */
function contextClauses(pieces: readonly Piece[]): ReadonlySet<number> {
  const clauses: number[][] = [[]];
  pieces.forEach((piece, k) => {
    if (piece.kind === "break") clauses.push([]);
    else clauses[clauses.length - 1].push(k);
  });
  const opensWithSubject = (clause: number[]) => {
    const first = pieces[clause[0]];
    return (
      (first?.kind === "entity" && first.slot === "username") ||
      (first?.kind === "word" && SUBJECTS.has(first.word))
    );
  };
  const asks = (clause: number[]) =>
    clause.some((k) => {
      const piece = pieces[k];
      return piece.kind === "word" && conceptsOf(piece.word).some((concept) => OPERATIONS.has(concept));
    });
  const telling = clauses.filter(opensWithSubject);
  if (!clauses.some((clause) => !opensWithSubject(clause) && asks(clause))) return new Set();
  return new Set(telling.flat());
}

/** The user at `k` owns a field named beside it: "bob's email", "the email of bob", "the name for bob". */
function ownsField(pieces: readonly Piece[], k: number): boolean {
  const isField = (piece: Piece | undefined) =>
    piece?.kind === "word" && conceptsOf(piece.word).some((concept) => FIELDS.has(concept));
  const user = pieces[k];
  if (user.kind === "entity" && user.possessive && (isField(pieces[k + 1]) || isField(pieces[k + 2])))
    return true;
  const link = pieces[k - 1];
  if (link?.kind !== "word" || !OWNER_LINKS.has(link.word)) return false;
  // "the email of bob" is bob's; "an account for bob" is one to make.
  const field = isField(pieces[k - 2]) ? k - 2 : isField(pieces[k - 3]) ? k - 3 : -1;
  const before = pieces[field - 1];
  return field >= 0 && !(before?.kind === "word" && (before.word === "a" || before.word === "an"));
}

/** After a determiner, with at most two describing words between: "the report", "a good pizza place". */
function inNounPhrase(pieces: readonly Piece[], k: number): boolean {
  for (let j = k - 1; j >= Math.max(0, k - 3); j--) {
    const piece = pieces[j];
    if (piece.kind !== "word") return false;
    if (isDeterminer(piece.word)) return true;
    if (isFunctionWord(piece.word)) return false;
  }
  return false;
}

/** A word between a determiner and a word for a person: "a brand new user", "the temp account". */
function describesPerson(pieces: readonly Piece[], k: number): boolean {
  const near = (from: number, to: number) =>
    pieces.slice(Math.max(0, from), to).flatMap((piece) => (piece.kind === "word" ? [piece.word] : []));
  return (
    near(k - 2, k).some(isDeterminer) &&
    near(k + 1, k + 3).some((word) => conceptsOf(word).includes("person"))
  );
}

/** A phrase opening at `k` ("get … rid", "display name"), with the index of its second word. */
function findPhrase(pieces: readonly Piece[], k: number) {
  const first = pieces[k];
  if (first?.kind !== "word") return undefined;
  for (const phrase of phrasesOpenedBy(first.word)) {
    for (let j = k + 1; j <= k + phrase.reach && j < pieces.length; j++) {
      const next = pieces[j];
      if (next.kind === "word" && next.word === phrase.second)
        return { concepts: phrase.concepts, particle: j };
    }
  }
  return undefined;
}
