// The intent classifier: wink's naive Bayes over the features of `features.ts`, loaded from the model that
// `npm run train:nlu` generates, turned into a ranking with probabilities that sum to 1.
import naiveBayes from "wink-naive-bayes-text-classifier";
import type { VocabularyData } from "./vocabulary";

/** The generated model file: the classifier's learnings and the vocabulary of the in-domain corpus. */
export interface IntentModel extends VocabularyData {
  /** The out-of-domain class the classifier was trained with. */
  readonly fallbackLabel: string;
  readonly learnings: Learnings;
}

/**
 * wink's `exportJSON()` output, parsed, without the two parts it derives from the feature counts (words per
 * label, the vocabulary): a fifth less to bundle.
 */
export type Learnings = readonly [
  config: unknown,
  samples: Readonly<Record<string, number>>,
  counts: Readonly<Record<string, Readonly<Record<string, number>>>>,
];

/** wink's own five-part learnings, the derived parts restored in the order wink learned them. */
export function expandLearnings([config, samples, counts]: Learnings): unknown[] {
  const wordsPerLabel = Object.fromEntries(
    Object.entries(counts).map(([label, features]) => [
      label,
      Object.values(features).reduce((sum, count) => sum + count, 0),
    ]),
  );
  const vocabulary = [...new Set(Object.values(counts).flatMap((features) => Object.keys(features)))];
  return [config, samples, counts, wordsPerLabel, vocabulary];
}

export interface ScoredLabel {
  readonly label: string;
  /** Probability-like confidence in [0, 1]; the scores of one ranking sum to 1. */
  readonly score: number;
}

export interface IntentClassifier {
  /** Every label, best first; empty when no feature was ever seen in training. */
  rank(features: readonly string[]): ScoredLabel[];
  /** The stem occurs in an in-domain training utterance (not only in off-topic ones). */
  isInDomainStem(stem: string): boolean;
}

export function loadIntentClassifier(model: IntentModel): IntentClassifier {
  const classifier = naiveBayes();
  classifier.importJSON(JSON.stringify(expandLearnings(model.learnings)));
  classifier.consolidate();
  const counts = model.learnings[2];
  const inDomain = new Set(
    Object.entries(counts).flatMap(([label, features]) =>
      label === model.fallbackLabel ? [] : Object.keys(features),
    ),
  );
  return {
    rank: (features) => toProbabilities(classifier.computeOdds(features)),
    isInDomainStem: (stem) => inDomain.has(stem),
  };
}

/**
 * wink scores each label by the log2 odds of "this label" against "any other label"; a softmax over those
 * scores (base 2, their unit) turns them into confidences that sum to 1.
 */
function toProbabilities(odds: [string, number][]): ScoredLabel[] {
  if (odds.length === 0 || odds[0][0] === "unknown") return [];
  const top = odds[0][1];
  const weights = odds.map(([label, logOdds]) => ({ label, weight: 2 ** (logOdds - top) }));
  const total = weights.reduce((sum, { weight }) => sum + weight, 0);
  return weights.map(({ label, weight }) => ({ label, score: total > 0 ? weight / total : 0 }));
}
