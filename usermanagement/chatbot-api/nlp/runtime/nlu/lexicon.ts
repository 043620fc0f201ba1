// What words mean in this domain, beyond the corpus: classes of words that ask for the same thing ("remove",
// "erase", "get rid of" all delete), written from everyday English rather than learned from the corpus, so that a
// verb or noun the corpus never uses still reaches the classifier as the concept it stands for. The classifier
// sees a concept (`#delete`) instead of the word; a word of two concepts ("open" an account, "open" a profile)
// gives both, and the sentence's shape decides. Words are compared by their stem, so every form counts
// ("removed", "removing").
import { stem } from "./stem";

export type Concept =
  | "create"
  | "read"
  | "update"
  | "delete"
  | "list"
  | "search"
  | "all"
  | "person"
  | "anyone"
  | "email"
  | "name"
  | "record"
  | "exist"
  | "system"
  | "depart"
  | "bot"
  | "greet"
  | "help"
  | "want";

const words = (list: string) => list.trim().split(/\s+/);

/** Single words, by concept. A word may stand in several concepts; none of them may be a common first name. */
const CONCEPT_WORDS: Readonly<Record<Concept, readonly string[]>> = {
  create: words(`create add register enrol enroll onboard provision invite hire recruit open make sign`),
  read: words(`show display view see look check inspect describe fetch retrieve read get tell open review
    examine pull bring lookup`),
  update:
    words(`update change edit modify amend alter adjust correct fix set rename switch replace move revise
    overwrite put make`),
  delete:
    words(`delete remove erase drop purge wipe destroy terminate deprovision offboard eliminate trash nuke
    scrap ditch expunge deregister unregister close rid kick`),
  list: words(`list enumerate browse count roster`),
  search: words(`search find locate seek query filter hunt`),
  all: words(`all every everyone everybody each whole entire`),
  person: words(`user username account login person people employee colleague coworker co-worker hire member
    staff teammate intern contractor newcomer starter newbie worker`),
  anyone: words(`someone somebody anyone anybody`),
  email: words(`email e-mail mail address inbox`),
  name: words(`name named displayname fullname surname nickname`),
  record: words(`details detail info information profile record entry data account`),
  exist: words(`exist taken`),
  bot: words(`bot chatbot assistant thing app tool`),
  system: words(`system directory`),
  depart: words(`leave left quit resign retire depart`),
  greet: words(`hello hi hey heya hiya yo howdy hallo greetings morning afternoon evening hola salutations
    ahoy sup`),
  help: words(`help assist assistance support guide guidance instructions usage tips hint options commands menu
    capabilities features examples confused stuck lost manual tutorial explain understand ask say type work`),
  want: words(`want wish need like love would`),
};

/** Words that mean a concept only as written: "called" names someone, "call" does not. */
const EXACT_WORDS: Readonly<Record<string, readonly Concept[]>> = { called: ["name"], used: ["exist"] };

/**
 * Verbs whose meaning needs their particle ("set up" creates, "set" alone changes). The particle may come
 * after the object ("kick bob out"), within {@link PARTICLE_REACH} words.
 */
const PARTICLE_VERBS: readonly (readonly [verb: string, particle: string, concepts: readonly Concept[]])[] = [
  ["set", "up", ["create"]],
  ["sign", "up", ["create"]],
  ["get", "rid", ["delete"]],
  ["kick", "out", ["delete"]],
  ["wipe", "out", ["delete"]],
  ["throw", "out", ["delete"]],
  ["take", "off", ["delete"]],
  ["cut", "off", ["delete"]],
  ["pull", "up", ["read"]],
  ["bring", "up", ["read"]],
  ["look", "up", ["read"]],
  ["look", "at", ["read"]],
  ["look", "for", ["search"]],
  ["hunt", "for", ["search"]],
];

/** Greetings of a few words: "nice to meet you", "how are you doing". */
const GREETINGS: readonly (readonly [first: string, last: string, concepts: readonly Concept[]])[] = [
  ["nice", "meet", ["greet"]],
  ["how", "doing", ["greet"]],
  ["how", "going", ["greet"]],
];

/** Two words that mean one thing only side by side: "display name", "good morning" (a word may stand between). */
const COMPOUNDS: readonly (readonly [first: string, second: string, concepts: readonly Concept[]])[] = [
  ["display", "name", ["name"]],
  ["full", "name", ["name"]],
  ["e", "mail", ["email"]],
  ["good", "morning", ["greet"]],
  ["good", "afternoon", ["greet"]],
  ["good", "evening", ["greet"]],
  ["good", "day", ["greet"]],
  ["what", "up", ["greet"]],
  ["how", "many", ["list"]],
  ["no", "longer", ["depart"]],
  // "New" is a new user, or a new value for one: "a new account" is created, "a new email" is a change.
  ...words("user users account accounts person employee colleague hire member login starter people").map(
    (person) => ["new", person, ["create", "person"]] as const,
  ),
  ...words("email e-mail mail address").map((field) => ["new", field, ["update", "email"]] as const),
  ["new", "name", ["update", "name"]],
];

/** How many words may stand between a verb and its particle: "kick the old account out". */
export const PARTICLE_REACH = 3;

const conceptsByStem = new Map<string, Concept[]>();
for (const [concept, list] of Object.entries(CONCEPT_WORDS) as [Concept, readonly string[]][]) {
  for (const word of list) {
    const key = stem(word);
    const known = conceptsByStem.get(key) ?? [];
    if (!known.includes(concept)) conceptsByStem.set(key, [...known, concept]);
  }
}

export interface Phrase {
  readonly second: string;
  readonly concepts: readonly Concept[];
  /** How far the second word may stand from the first: 1 right after it. */
  readonly reach: number;
  /** A verb and its particle, which may stand after the verb's object ("kick bob out"). */
  readonly particle: boolean;
}

const phrasesByFirst = new Map<string, Phrase[]>();
for (const [list, reach] of [
  [PARTICLE_VERBS, PARTICLE_REACH],
  [GREETINGS, PARTICLE_REACH],
  [COMPOUNDS, 2],
] as const) {
  for (const [first, second, concepts] of list) {
    const key = stem(first);
    const phrase = { second, concepts, reach, particle: list === PARTICLE_VERBS };
    phrasesByFirst.set(key, [...(phrasesByFirst.get(key) ?? []), phrase]);
  }
}

/** The concepts a lowercase word stands for on its own; none when the lexicon doesn't know it. */
export function conceptsOf(lowerWord: string): readonly Concept[] {
  return EXACT_WORDS[lowerWord] ?? conceptsByStem.get(stem(lowerWord)) ?? [];
}

/** The phrases a lowercase word may open ("get" … "rid"). */
export function phrasesOpenedBy(first: string): readonly Phrase[] {
  return phrasesByFirst.get(stem(first)) ?? [];
}

export const conceptFeature = (concept: Concept) => `#${concept}`;

/** The verbs of a request that changes users, by the concept each intent is asked with. */
export const CHANGE_CONCEPTS: readonly Concept[] = ["create", "update", "delete"];
