// Git in tests. Tests that need this checkout's history skip, saying why, in a checkout without `.git` (a source
// archive such as the zip CodePipeline makes of a repository; the pipeline clones instead, so there they run).
// Tests that need commits of their own make them in a scratch repository, which works in either.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestContext } from "vitest";
import { linkTree } from "../../bin/synthesis";

export const NO_GIT_SKIP = "no git repository here (a source archive): this needs git history";

export const insideGitRepository = (): boolean =>
  spawnSync("git", ["rev-parse", "--git-dir"], { stdio: "ignore" }).status === 0;

/** Skips the test where there is no history; the reason also goes to the log, where no reporter hides it. */
export function skipWithoutGitHistory(context: TestContext): void {
  if (insideGitRepository()) return;
  console.warn(`skipped "${context.task.name}": ${NO_GIT_SKIP}`);
  context.skip(NO_GIT_SKIP);
}

/**
 * A throw-away git repository holding this checkout's files as they are (uncommitted changes included) in one
 * commit on `main`, with this checkout's node_modules hard-linked in: tests make commits on it and review them,
 * whatever the history (or lack of it) of the checkout they run in.
 */
export class ScratchRepository {
  readonly dir = mkdtempSync(join(tmpdir(), "scratch-repository-"));

  constructor(source = process.cwd()) {
    this.git("init", "--quiet", "--initial-branch=main");
    // The files as git would commit them from the source (its .gitignore applies), then checked out here.
    this.git(`--work-tree=${source}`, "add", "--all");
    this.git("commit", "--quiet", "--message=base");
    this.git("reset", "--quiet", "--hard");
    linkTree(join(source, "node_modules"), join(this.dir, "node_modules"));
  }

  /** Commits on a new branch from `main` the edits made by `edit(path, replace)`; returns the commit. */
  commit(branch: string, edits: Record<string, (text: string) => string>): string {
    this.git("checkout", "--quiet", "-b", branch, "main");
    for (const [file, edit] of Object.entries(edits)) {
      const path = join(this.dir, file);
      const before = readFileSync(path, "utf8");
      const after = edit(before);
      if (after === before)
        throw new Error(`the edit of ${file} for ${branch} changed nothing: has the file moved on?`);
      writeFileSync(path, after);
    }
    this.git("commit", "--quiet", "--all", `--message=${branch}`);
    const commit = this.git("rev-parse", "HEAD");
    this.git("checkout", "--quiet", "main");
    return commit;
  }

  git(...args: string[]): string {
    return execFileSync("git", ["-c", "user.name=Test", "-c", "user.email=test@example.com", ...args], {
      cwd: this.dir,
      encoding: "utf8",
    }).trim();
  }

  dispose(): void {
    spawnSync("git", ["worktree", "prune"], { cwd: this.dir });
    rmSync(this.dir, { recursive: true, force: true });
  }
}
