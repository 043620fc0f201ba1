// Tests that need git history skip, saying why, in a checkout without `.git` (a source archive such as the zip
// CodePipeline makes of a repository); the pipeline clones instead, so there they run.
import { spawnSync } from "node:child_process";
import type { TestContext } from "vitest";

export const NO_GIT_SKIP = "no git repository here (a source archive): this needs git history";

export const insideGitRepository = (): boolean =>
  spawnSync("git", ["rev-parse", "--git-dir"], { stdio: "ignore" }).status === 0;

/** Skips the test where there is no history; the reason also goes to the log, where no reporter hides it. */
export function skipWithoutGitHistory(context: TestContext): void {
  if (insideGitRepository()) return;
  console.warn(`skipped "${context.task.name}": ${NO_GIT_SKIP}`);
  context.skip(NO_GIT_SKIP);
}
