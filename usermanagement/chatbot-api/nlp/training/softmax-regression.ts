// Trains the intent classifier: multinomial logistic regression (softmax regression) over binary features, by
// stochastic gradient descent with L2 regularisation. Deterministic: the examples are visited in a fixed
// interleaved order from zeroed weights, so the committed model is exactly what the committed corpus produces.
//
// Written here rather than taken from a library: the npm candidates are dense-matrix implementations
// (ml-logistic-regression brings ml-matrix) or give no scores (wink-perceptron), and the classifier needs
// sparse features, calibrated confidences and a model small enough to bundle. Inference is a sum of weights.
import { type SoftmaxModel, softmax } from "../runtime/nlu/classifier";

export interface Example {
  readonly features: readonly string[];
  readonly label: string;
}

export interface TrainingOptions {
  /** Passes over the corpus. */
  readonly epochs: number;
  /** The first step's size; it shrinks as 1 / (1 + epoch). */
  readonly learningRate: number;
  /** L2 penalty on the weights: keeps any one feature from deciding alone. */
  readonly l2: number;
}

export const TRAINING_OPTIONS: TrainingOptions = { epochs: 15, learningRate: 1, l2: 0.002 };

/** Weights below this are dropped from the model: they change no ranking and cost bundle bytes. */
const NEGLIGIBLE = 0.01;
const round = (value: number) => Math.round(value * 1000) / 1000;

export function trainSoftmax(
  examples: readonly Example[],
  options: TrainingOptions = TRAINING_OPTIONS,
): SoftmaxModel {
  const labels = [...new Set(examples.map(({ label }) => label))].sort();
  const features = [...new Set(examples.flatMap((example) => example.features))].sort();
  const featureIndex = new Map(features.map((feature, k) => [feature, k]));
  const rows = examples.map(({ features: present, label }) => ({
    columns: [...new Set(present.map((feature) => featureIndex.get(feature) ?? -1))],
    target: labels.indexOf(label),
  }));
  const weights = features.map(() => new Float64Array(labels.length));
  const bias = new Float64Array(labels.length);
  const order = interleaved(rows.length);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    const step = options.learningRate / (1 + epoch);
    for (const k of order) {
      const { columns, target } = rows[k];
      const probabilities = softmax(
        labels.map((_, c) => columns.reduce((sum, f) => sum + weights[f][c], bias[c])),
      );
      probabilities.forEach((probability, c) => {
        const error = probability - (c === target ? 1 : 0);
        bias[c] -= step * error;
        for (const f of columns) weights[f][c] -= step * (error + options.l2 * weights[f][c]);
      });
    }
  }
  return {
    labels,
    bias: [...bias].map(round),
    weights: Object.fromEntries(
      features.flatMap((feature, f) =>
        [...weights[f]].some((weight) => Math.abs(weight) >= NEGLIGIBLE)
          ? [[feature, [...weights[f]].map(round)]]
          : [],
      ),
    ),
  };
}

/**
 * 0…n-1 in a fixed order that mixes the corpus's intents (it lists them one after another): a stride coprime
 * with n visits every example once. A fixed order, unlike a shuffle, keeps training reproducible.
 */
function interleaved(n: number): number[] {
  const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
  let stride = Math.max(1, Math.floor(n * 0.618));
  while (n > 1 && gcd(stride, n) !== 1) stride++;
  return Array.from({ length: n }, (_, k) => (k * stride) % n);
}
