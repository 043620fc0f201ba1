// The held-out-family figure: how the engine copes with phrasings it was never shown. The corpus's templates
// fall into phrasing families, one per intent and opening word ("remove {username}", "remove the user
// {username} from the system" and "remove a user" are DeleteUser's "remove" family; "please delete …" and
// "can you delete …" are its "delete" family). Each family in turn is left out of training, and its templates,
// filled with values the corpus never uses, are put to the engine trained on all the others: leave one family
// out. An operator's new phrasing is most often a known request opened differently, which is what this asks.

import { createConverse } from "../runtime/converse";
import type { SlotName } from "../runtime/intents";
import { createNlu } from "../runtime/nlu/engine";
import { isFunctionWord, isNoiseWord } from "../runtime/nlu/function-words";
import { stem } from "../runtime/nlu/stem";
import { parseTemplate } from "../training/template";
import { type TrainingCorpus, trainIntentModel } from "../training/train";
import { type EvaluationCase, type EvaluationReport, scoreCases } from "./score";

export interface PhrasingFamily {
  readonly intent: string;
  /** The stem of the family's opening word: its first content word, entities and function words aside. */
  readonly opening: string;
  readonly templates: readonly string[];
}

/** The corpus's templates by intent and opening word, in corpus order. */
export function phrasingFamilies(corpus: TrainingCorpus): PhrasingFamily[] {
  const families = new Map<string, { intent: string; opening: string; templates: string[] }>();
  for (const [intent, templates] of Object.entries(corpus.intents)) {
    for (const template of templates) {
      const opening = openingOf(template);
      const key = `${intent} ${opening}`;
      const family = families.get(key) ?? { intent, opening, templates: [] };
      family.templates.push(template);
      families.set(key, family);
    }
  }
  return [...families.values()];
}

function openingOf(template: string): string {
  for (const piece of parseTemplate(template)) {
    if (piece.kind === "word" && !isFunctionWord(piece.word) && !isNoiseWord(piece.word))
      return stem(piece.word);
  }
  // All function words ("what can you do"): the first word opens it.
  const [first] = parseTemplate(template);
  return first?.kind === "word" ? stem(first.word) : "{entity}";
}

// Values no template and no evaluation case uses, so that nothing is recognised by heart.
const USERNAMES = [
  "kwabena",
  "ilse",
  "tomasz",
  "mei.lin",
  "raj_2",
  "ngozi",
  "sindre",
  "hiroko",
  "piet",
  "zainab",
];
const DISPLAY_NAMES = ["Ama Mensah", "Liu Yang", "Jean-Luc Martin", "Ana María Pérez", "Oğuz Aydın"];
const SEARCH_TERMS = ["ko", "Mensah", "ra", "Pérez", "si"];

/** The template with its placeholders filled, and the slots the engine should read from it. */
export function fillTemplate(template: string, intent: string, k: number): EvaluationCase {
  const username = USERNAMES[k % USERNAMES.length];
  const values: Record<SlotName, string> = {
    username,
    email: `${username.replace(/[._]/g, "")}@example.net`,
    displayName: DISPLAY_NAMES[k % DISPLAY_NAMES.length],
    searchTerm: SEARCH_TERMS[k % SEARCH_TERMS.length],
  };
  const slots: Partial<Record<SlotName, string>> = {};
  const text = template.replace(/\{(\w+)\}/g, (_placeholder, name: SlotName) => {
    // A search is for whatever it names: the term, or the address ("who has the email …").
    slots[intent === "FindUsers" ? "searchTerm" : name] = values[name];
    return values[name];
  });
  return { text, intent: intent as EvaluationCase["intent"], slots };
}

export interface HeldOutReport extends EvaluationReport {
  readonly families: number;
}

/** Leave one family out: every family's templates put to the engine trained without that family. */
export function evaluateHeldOutFamilies(corpus: TrainingCorpus): HeldOutReport {
  const families = phrasingFamilies(corpus);
  const engines = new Map<EvaluationCase, ReturnType<typeof createConverse>>();
  let k = 0;
  for (const family of families) {
    const heldOut = new Set(family.templates);
    const rest: TrainingCorpus = {
      intents: Object.fromEntries(
        Object.entries(corpus.intents).map(([intent, templates]) => [
          intent,
          intent === family.intent ? templates.filter((t) => !heldOut.has(t)) : templates,
        ]),
      ),
    };
    const converse = createConverse(createNlu(trainIntentModel(rest)));
    for (const template of family.templates)
      engines.set(fillTemplate(template, family.intent, k++), converse);
  }
  const report = scoreCases([...engines.keys()], (testCase) => engines.get(testCase) ?? fail(testCase));
  return { ...report, families: families.length };
}

function fail(testCase: EvaluationCase): never {
  throw new Error(`no engine for ${testCase.text}`);
}
