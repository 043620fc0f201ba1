// The intent classifier: multinomial logistic regression over the features of `features.ts`, loaded from the
// model `npm run train:nlu` generates (`training/softmax-regression.ts`). A label's score is its bias plus the
// weights of the features present; a softmax turns the scores into confidences that sum to 1.
import type { VocabularyData } from "./vocabulary";

/** The classifier's weights: one score per label for each feature, and a bias per label. */
export interface SoftmaxModel {
  readonly labels: readonly string[];
  readonly bias: readonly number[];
  readonly weights: Readonly<Record<string, readonly number[]>>;
}

/** The generated model file: the classifier and the vocabulary of the in-domain corpus. */
export interface IntentModel extends VocabularyData {
  /** The out-of-domain class the classifier was trained with. */
  readonly fallbackLabel: string;
  readonly classifier: SoftmaxModel;
}

export interface ScoredLabel {
  readonly label: string;
  /** Confidence in [0, 1]; the scores of one ranking sum to 1. */
  readonly score: number;
}

export interface IntentClassifier {
  /** Every label, best first; empty when no feature was ever seen in training. */
  rank(features: readonly string[]): ScoredLabel[];
}

export function loadIntentClassifier({ labels, bias, weights }: SoftmaxModel): IntentClassifier {
  return {
    rank: (features) => {
      const present = [...new Set(features)].flatMap((feature) =>
        weights[feature] ? [weights[feature]] : [],
      );
      if (present.length === 0) return [];
      const scores = labels.map((_, c) => present.reduce((sum, row) => sum + row[c], bias[c]));
      return softmax(scores)
        .map((score, c) => ({ label: labels[c], score }))
        .sort((a, b) => b.score - a.score);
    },
  };
}

export function softmax(scores: readonly number[]): number[] {
  const top = Math.max(...scores);
  const exponentials = scores.map((score) => Math.exp(score - top));
  const total = exponentials.reduce((sum, value) => sum + value, 0);
  return exponentials.map((value) => value / total);
}
