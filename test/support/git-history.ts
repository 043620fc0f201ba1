// Tests that need git history skip, saying why, in a checkout without `.git` (a source archive such as the zip
// CodePipeline makes of a repository); the pipeline clones instead, so there they run.
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
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

/**
 * A throw-away git repository holding this checkout's files as they are (uncommitted changes included) in one
 * commit on `main`, with this checkout's node_modules hard-linked in: tests make commits on it and review them,
 * whatever the history (or lack of it) of the checkout they run in.
 */
export class ScratchRepository {
  readonly dir = mkdtempSync(join(tmpdir(), "scratch-repository-"));

  constructor() {
    for (const file of projectFiles()) cpSync(file, join(this.dir, file), { recursive: true });
    execFileSync("cp", ["-al", resolve("node_modules"), join(this.dir, "node_modules")]);
    this.git("init", "--quiet", "--initial-branch=main");
    this.git("add", "--all");
    this.git("commit", "--quiet", "--message=base");
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

/** The project's files, as git sees them (tracked or new, not ignored), or the directory less its build output. */
function projectFiles(): string[] {
  if (insideGitRepository()) {
    return execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], {
      encoding: "utf8",
    })
      .split("\0")
      .filter((file) => file && existsSync(file));
  }
  return readdirSync(".").filter(
    (name) => ![".git", "node_modules", "cdk.out", "test-results"].includes(name),
  );
}
