// Trains the intent model from the corpus: a pure function, so a test can prove the committed model is
// exactly what the committed corpus produces.
import type { IntentModel } from "../runtime/nlu/classifier";
import { MASKS } from "../runtime/nlu/features";
import { type Example, trainSoftmax } from "./softmax-regression";
import { contentWords, templateFeatures, usernameContexts } from "./template";

export interface TrainingCorpus {
  /** Utterance templates per intent; `{username}`, `{email}`, `{displayName}` and `{searchTerm}` mark entities. */
  readonly intents: Readonly<Record<string, readonly string[]>>;
}

export const FALLBACK_LABEL = "FallbackIntent";

export function trainIntentModel(corpus: TrainingCorpus): IntentModel {
  const templates = inDomainOf(corpus).flatMap(([, t]) => t);
  const contexts = templates.map(usernameContexts);
  return {
    knownWords: sortedUnique(templates.flatMap(contentWords)),
    wordsBeforeUsername: sortedUnique(contexts.flatMap(({ before }) => before)),
    wordsAfterUsername: sortedUnique(contexts.flatMap(({ after }) => after)),
    fallbackLabel: FALLBACK_LABEL,
    classifier: trainSoftmax(trainingExamples(corpus)),
  };
}

const inDomainOf = (corpus: TrainingCorpus) =>
  Object.entries(corpus.intents).filter(([label]) => label !== FALLBACK_LABEL);

/** Every template as the classifier sees it, labelled with its intent. */
export function trainingExamples(corpus: TrainingCorpus): Example[] {
  const inDomain = inDomainOf(corpus);
  const offTopic = corpus.intents[FALLBACK_LABEL] ?? [];
  // In-domain templates define the domain's words; off-topic templates are read against them, so the words
  // only off-topic text uses become `<unknown>`, exactly as at prediction time.
  const inDomainFeatures = inDomain.map(
    ([label, templates]) => [label, templates.map((t) => templateFeatures(t, () => true))] as const,
  );
  const inDomainStems = new Set(inDomainFeatures.flatMap(([, features]) => features.flat()));
  return [
    // Real requests carry the odd word the corpus lacks ("create a *brand* new user"). Giving every other
    // template one unknown word teaches that a single unknown word is no sign of off-topic text; only
    // off-topic text is mostly unknown words.
    ...inDomainFeatures.flatMap(([label, examples]) =>
      examples.map((features, k) => ({ features: k % 2 ? [...features, MASKS.unknown] : features, label })),
    ),
    ...offTopic.map((t) => ({
      features: templateFeatures(t, (stem) => inDomainStems.has(stem)),
      label: FALLBACK_LABEL,
    })),
  ];
}

const sortedUnique = (words: readonly string[]) => [...new Set(words)].sort();
