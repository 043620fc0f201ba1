// `npm run diff`: per-stack review against a git ref, with no AWS credentials.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { skipWithoutGitHistory } from "../support/git-history";

const diff = (...args: string[]) =>
  spawnSync("npm", ["run", "--silent", "diff", "--", ...args], {
    encoding: "utf8",
    env: { ...process.env, CDK_DISABLE_VERSION_CHECK: "1", AWS_ACCESS_KEY_ID: "", AWS_PROFILE: "" },
    timeout: 240_000,
  });

describe("npm run diff", () => {
  it("finds no difference between a clean checkout and its own HEAD, and exits 0 even with --fail", (context) => {
    skipWithoutGitHistory(context);
    const dirty = spawnSync("git", ["status", "--porcelain", "--untracked-files=no"], {
      encoding: "utf8",
    }).stdout;
    if (dirty.trim()) context.skip("the working tree has uncommitted changes, so it differs from HEAD");

    const result = diff("UserManagementSandbox-UsersAPI", "--base", "HEAD", "--fail");

    expect(result.status, result.stdout + result.stderr).toBe(0);
    expect(result.stdout + result.stderr).toMatch(
      /There were no differences|Number of stacks with differences: 0/,
    );
  }, 300_000);

  it("says so when the base is not a commit", (context) => {
    skipWithoutGitHistory(context);
    const result = diff("UserManagementSandbox-UsersAPI", "--base", "no-such-branch");

    expect(result.status).toBe(2);
    expect(result.stderr.trim()).toBe(
      "diff: 'no-such-branch' is not a commit, branch or tag of this repository",
    );
  });

  it("says so outside a git repository", () => {
    const notARepository = mkdtempSync(join(tmpdir(), "no-git-"));

    const result = spawnSync("npm", ["run", "--silent", "diff", "--", "UserManagementSandbox-UsersAPI"], {
      encoding: "utf8",
      env: { ...process.env, GIT_DIR: notARepository },
    });
    rmSync(notARepository, { recursive: true, force: true });

    expect(result.status).toBe(2);
    expect(result.stderr.trim()).toBe(
      "diff: not inside a git repository, so there is no baseline commit to synthesize",
    );
  });

  it("prints its usage without a stack", () => {
    const result = diff();

    expect(result.status).toBe(2);
    expect(result.stderr).toContain("usage: npm run diff -- <stack name or path>");
  });
});
