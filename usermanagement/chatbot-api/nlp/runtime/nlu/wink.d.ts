// The parts of the wink packages (CommonJS, untyped) this engine uses.

declare module "wink-porter2-stemmer" {
  /** Porter2 stem of one lowercase English word: "users" → "user", "deleting" → "delet". */
  export default function stem(word: string): string;
}

declare module "wink-naive-bayes-text-classifier" {
  export interface NaiveBayesTextClassifier {
    defineConfig(config: { considerOnlyPresence?: boolean; smoothingFactor?: number }): boolean;
    learn(tokens: readonly string[], label: string): boolean;
    consolidate(): boolean;
    /** `[label, log2 odds]` pairs, best first; `[["unknown", 0]]` when no token was ever seen. */
    computeOdds(tokens: readonly string[]): [string, number][];
    exportJSON(): string;
    importJSON(json: string): boolean;
  }
  export default function naiveBayesTextClassifier(): NaiveBayesTextClassifier;
}
