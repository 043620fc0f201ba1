// The mutation score of each rule module, as `npm run mutation` measured it last: how many of the small faults
// StrykerJS plants in a module (one operator, condition or literal changed at a time) its fast unit tests catch.
import { readFileSync } from "node:fs";

/** The share of mutants a rule module's tests must catch. */
export const MUTATION_SCORE_TARGET = 0.9;

export const MUTATION_SCORES_FILE = new URL("./results/mutation.json", import.meta.url).pathname;

export interface ModuleScore {
  /** The module's path from the repository's root. */
  readonly module: string;
  readonly killed: number;
  /** Mutants that made a test hang: caught too. */
  readonly timedOut: number;
  readonly survived: number;
  /** Mutants in code no test runs. */
  readonly noCoverage: number;
}

export interface MutationScores {
  readonly generatedAt: string;
  readonly modules: readonly ModuleScore[];
}

/** Caught mutants over every mutant that ran or could have (Stryker's "mutation score"; errors left out). */
export const score = ({ killed, timedOut, survived, noCoverage }: ModuleScore): number =>
  (killed + timedOut) / (killed + timedOut + survived + noCoverage);

/** Every module's counts added up, as one line of the table. */
export function total(modules: readonly ModuleScore[]): ModuleScore {
  const sum = (pick: (module: ModuleScore) => number) => modules.reduce((acc, m) => acc + pick(m), 0);
  return {
    module: "all rule modules",
    killed: sum((m) => m.killed),
    timedOut: sum((m) => m.timedOut),
    survived: sum((m) => m.survived),
    noCoverage: sum((m) => m.noCoverage),
  };
}

/** The scores the last `npm run mutation` wrote. */
export function readMutationScores(file = MUTATION_SCORES_FILE): MutationScores {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as MutationScores;
  } catch (error) {
    throw new Error(`no mutation scores at ${file}: run \`npm run mutation\` (${(error as Error).message})`);
  }
}
