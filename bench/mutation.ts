// `npm run mutation`: StrykerJS over the rule modules (stryker.config.mjs), then each module's score against the
// target, printed and written to bench/results/mutation.json for `npm run bench`'s table.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, relative } from "node:path";
import { Stryker } from "@stryker-mutator/core";
import {
  type ModuleScore,
  MUTATION_SCORE_TARGET,
  MUTATION_SCORES_FILE,
  type MutationScores,
  score,
  total,
} from "./mutation-score";

const results = await new Stryker({}).runMutationTest();

const byModule = new Map<string, ModuleScore>();
for (const { fileName, status } of results) {
  const module = relative(process.cwd(), fileName);
  const counts = byModule.get(module) ?? { module, killed: 0, timedOut: 0, survived: 0, noCoverage: 0 };
  const field = (
    { Killed: "killed", Timeout: "timedOut", Survived: "survived", NoCoverage: "noCoverage" } as const
  )[status as "Killed" | "Timeout" | "Survived" | "NoCoverage"];
  // Compile and runtime errors and ignored mutants count for nothing, as in Stryker's own score.
  if (field) byModule.set(module, { ...counts, [field]: counts[field] + 1 });
}
const scores: MutationScores = {
  generatedAt: new Date().toISOString(),
  modules: [...byModule.values()].sort((a, b) => a.module.localeCompare(b.module)),
};
mkdirSync(dirname(MUTATION_SCORES_FILE), { recursive: true });
writeFileSync(MUTATION_SCORES_FILE, `${JSON.stringify(scores, null, 2)}\n`);

const percent = (share: number) => `${(share * 100).toFixed(1)} %`;
console.log(`\nMutation score per rule module (target ≥ ${percent(MUTATION_SCORE_TARGET)}):`);
for (const module of [...scores.modules, total(scores.modules)]) {
  const caught = module.killed + module.timedOut;
  const all = caught + module.survived + module.noCoverage;
  const mark = score(module) >= MUTATION_SCORE_TARGET ? " " : "✗";
  console.log(
    `${mark} ${percent(score(module)).padStart(7)}  ${`${caught}/${all}`.padStart(9)}  ${module.module}`,
  );
}
console.log(`\nWritten to ${relative(process.cwd(), MUTATION_SCORES_FILE)}.`);
