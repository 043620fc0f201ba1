// Checkouts to synthesize: a worktree of the revision with the dependencies its own lockfile names, and an
// environment with no AWS credentials.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { checkOut, synthEnvironment } from "../../bin/synthesis";

describe("synthEnvironment", () => {
  it("drops AWS credentials, profiles and the default account, and keeps the rest", () => {
    const env = synthEnvironment({
      PATH: "/usr/bin",
      AWS_ACCESS_KEY_ID: "AKIA",
      AWS_PROFILE: "work",
      AWS_REGION: "eu-west-1",
      CDK_DEFAULT_ACCOUNT: "123456789012",
    });

    expect(env.PATH).toBe("/usr/bin");
    expect(env.AWS_ACCESS_KEY_ID).toBeUndefined();
    expect(env.AWS_PROFILE).toBeUndefined();
    expect(env.AWS_REGION).toBeUndefined();
    expect(env.CDK_DEFAULT_ACCOUNT).toBeUndefined();
    expect(env.CDK_DISABLE_VERSION_CHECK).toBe("1");
    expect(env.AWS_EC2_METADATA_DISABLED).toBe("true");
  });
});

describe("checkOut", () => {
  const lock = (version: string) =>
    JSON.stringify({
      name: "tiny",
      version,
      lockfileVersion: 3,
      requires: true,
      packages: { "": { name: "tiny", version } },
    });
  let repository: string;
  const git = (...args: string[]) =>
    execFileSync("git", ["-c", "user.name=Test", "-c", "user.email=test@example.com", ...args], {
      cwd: repository,
    });

  beforeEach(() => {
    repository = mkdtempSync(join(tmpdir(), "checkout-"));
    writeFileSync(join(repository, "package.json"), JSON.stringify({ name: "tiny", version: "1.0.0" }));
    writeFileSync(join(repository, "package-lock.json"), lock("1.0.0"));
    writeFileSync(join(repository, ".gitignore"), "node_modules/\n");
    mkdirSync(join(repository, "node_modules"));
    writeFileSync(join(repository, "node_modules", "installed.txt"), "the working tree's dependencies");
    git("init", "--quiet", "--initial-branch=main");
    git("add", "--all");
    git("commit", "--quiet", "--message=base");
  });

  afterEach(() => rmSync(repository, { recursive: true, force: true }));

  it("hard-links the working tree's node_modules when the lockfiles match, and removes the worktree after", async () => {
    const checkout = await checkOut("main", repository);
    const linked = join(checkout.dir, "node_modules", "installed.txt");

    expect(statSync(linked).ino).toBe(statSync(join(repository, "node_modules", "installed.txt")).ino);
    expect(checkout.notes).toEqual([]);
    checkout.dispose();
    expect(existsSync(checkout.dir)).toBe(false);
    expect(git("worktree", "list").toString().trim().split("\n")).toHaveLength(1);
  });

  it("installs the revision's own dependencies when its lockfile differs, and says so", async () => {
    writeFileSync(join(repository, "package-lock.json"), lock("2.0.0"));

    const checkout = await checkOut("main", repository);
    try {
      expect(existsSync(join(checkout.dir, "node_modules", "installed.txt"))).toBe(false);
      expect(checkout.notes).toEqual([
        "The base's package-lock.json differs from the working tree's: its own dependencies were installed.",
      ]);
    } finally {
      checkout.dispose();
    }
  });
});
