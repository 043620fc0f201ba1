// Trains the intent model from the corpus: a pure function, so a test can prove the committed model is
// exactly what the committed corpus produces.
import naiveBayes, { type NaiveBayesTextClassifier } from "wink-naive-bayes-text-classifier";
import type { IntentModel } from "../runtime/nlu/classifier";
import { MASKS } from "../runtime/nlu/features";
import { contentWords, templateFeatures, usernameContexts } from "./template";

export interface TrainingCorpus {
  /** Utterance templates per intent; `{username}`, `{email}` and `{displayName}` mark entities. */
  readonly intents: Readonly<Record<string, readonly string[]>>;
}

export const FALLBACK_LABEL = "FallbackIntent";

export function trainIntentModel(corpus: TrainingCorpus): IntentModel {
  const learnings = JSON.parse(learnIntents(corpus).exportJSON());
  const templates = inDomainOf(corpus).flatMap(([, t]) => t);
  const contexts = templates.map(usernameContexts);
  return {
    knownWords: sortedUnique(templates.flatMap(contentWords)),
    wordsBeforeUsername: sortedUnique(contexts.flatMap(({ before }) => before)),
    wordsAfterUsername: sortedUnique(contexts.flatMap(({ after }) => after)),
    fallbackLabel: FALLBACK_LABEL,
    learnings: [learnings[0], learnings[1], learnings[2]],
  };
}

const inDomainOf = (corpus: TrainingCorpus) =>
  Object.entries(corpus.intents).filter(([label]) => label !== FALLBACK_LABEL);

/** wink's classifier, having learned the corpus. */
export function learnIntents(corpus: TrainingCorpus): NaiveBayesTextClassifier {
  const inDomain = inDomainOf(corpus);
  const offTopic = corpus.intents[FALLBACK_LABEL] ?? [];

  // In-domain templates define the domain's words; off-topic templates are learned against them, so the
  // words only off-topic text uses become `<unknown>`, exactly as at prediction time.
  const inDomainFeatures = inDomain.map(
    ([label, templates]) => [label, templates.map((t) => templateFeatures(t, () => true))] as const,
  );
  const inDomainStems = new Set(inDomainFeatures.flatMap(([, features]) => features.flat()));
  const offTopicFeatures = offTopic.map((t) => templateFeatures(t, (stem) => inDomainStems.has(stem)));

  const classifier = naiveBayes();
  // Presence, not frequency: a short command repeats no word, and "user user user" means nothing more.
  // Half-add smoothing keeps the rare words of small classes (Greeting, Help) from being drowned.
  classifier.defineConfig({ considerOnlyPresence: true, smoothingFactor: 0.5 });
  for (const [label, examples] of inDomainFeatures) {
    // Real requests carry the odd word the corpus lacks ("create a *brand* new user"). Giving every other
    // template one unknown word teaches that a single unknown word is no sign of off-topic text; only
    // off-topic text is mostly unknown words.
    examples.forEach((features, k) => {
      classifier.learn(k % 2 ? [...features, MASKS.unknown] : features, label);
    });
  }
  for (const features of offTopicFeatures) classifier.learn(features, FALLBACK_LABEL);
  return classifier;
}

const sortedUnique = (words: readonly string[]) => [...new Set(words)].sort();
