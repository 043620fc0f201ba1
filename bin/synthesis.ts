// `cdk synth` of the app as the working tree or a git revision has it, for `npm run diff` and `npm run review`:
// the same CLI and settings on both sides, no AWS credentials, each side into its own tree's `cdk.out`.
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { devNull, tmpdir } from "node:os";
import { join, resolve } from "node:path";

/**
 * The environment of every synth: the project's CLI settings, and no AWS credentials or default account, so that
 * a review is the same on a laptop with a profile as in CI (and never waits on STS or instance metadata).
 */
export function synthEnvironment(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const kept = Object.entries(env).filter(
    ([name]) => !/^AWS_/.test(name) && name !== "CDK_DEFAULT_ACCOUNT" && name !== "CDK_DEFAULT_REGION",
  );
  return {
    ...Object.fromEntries(kept),
    CDK_DISABLE_VERSION_CHECK: "1",
    AWS_CONFIG_FILE: devNull,
    AWS_SHARED_CREDENTIALS_FILE: devNull,
    AWS_EC2_METADATA_DISABLED: "true",
  };
}

/**
 * Synthesizes the app in `dir` into `dir/cdk.out` and returns that directory. Into the tree's own `cdk.out` on
 * both sides: bundles and their source maps name their sources relative to it, so an unchanged function keeps its
 * asset hash.
 */
export function synthesize(dir: string): Promise<string> {
  return run("npx", ["cdk", "synth", "--quiet"], dir).then(
    () => join(dir, "cdk.out"),
    (error: Error) => {
      throw new Error(`cdk synth failed in ${dir}:\n${error.message}`);
    },
  );
}

/**
 * Synthesizes both trees side by side (two cores: half the wall time), and waits for both even when one fails, so
 * that no synth is still writing when its checkout is removed.
 */
export async function synthesizeBoth(base: string, head: string): Promise<[string, string]> {
  const [baseSynth, headSynth] = await Promise.allSettled([synthesize(base), synthesize(head)]);
  if (baseSynth.status === "rejected") throw baseSynth.reason;
  if (headSynth.status === "rejected") throw headSynth.reason;
  return [baseSynth.value, headSynth.value];
}

/** A temporary checkout of a revision, ready to synthesize; `dispose` removes it. */
export interface Checkout {
  readonly dir: string;
  /** How its dependencies were installed, when that differs from the working tree's. */
  readonly notes: readonly string[];
  dispose(): void;
}

/**
 * Checks `ref` out into a temporary git worktree with the dependencies its own lockfile names: links to this
 * checkout's node_modules when `package-lock.json` is the same, `npm ci` when it differs (a dependency update is a
 * change to review like any other).
 */
export async function checkOut(ref: string, repository = process.cwd()): Promise<Checkout> {
  const workDir = mkdtempSync(join(tmpdir(), "synth-"));
  const dir = join(workDir, "tree");
  const dispose = () => {
    if (existsSync(dir)) git(repository, "worktree", "remove", "--force", dir);
    rmSync(workDir, { recursive: true, force: true });
  };
  try {
    // Forget the worktrees of earlier runs that were killed before they could remove theirs.
    git(repository, "worktree", "prune");
    git(repository, "worktree", "add", "--detach", "--quiet", dir, ref);
    const notes = await installDependencies(dir, repository);
    return { dir, notes, dispose };
  } catch (error) {
    dispose();
    throw error;
  }
}

async function installDependencies(tree: string, source: string): Promise<string[]> {
  if (sameFile(join(tree, "package-lock.json"), join(source, "package-lock.json"))) {
    linkTree(join(source, "node_modules"), join(tree, "node_modules"));
    return [];
  }
  try {
    await run("npm", ["ci", "--no-audit", "--no-fund", "--prefer-offline"], tree);
    return [
      "The base's package-lock.json differs from the working tree's: its own dependencies were installed.",
    ];
  } catch {
    linkTree(join(source, "node_modules"), join(tree, "node_modules"));
    return [
      "The base's package-lock.json differs, and `npm ci` failed there: the base was synthesized with the " +
        "working tree's dependencies, so changes that come from a dependency update are not shown.",
    ];
  }
}

const sameFile = (a: string, b: string): boolean =>
  existsSync(a) && existsSync(b) && readFileSync(a).equals(readFileSync(b));

/**
 * A tree of hard links (a copy where links can't cross file systems): a real directory, not a symlink, since
 * esbuild resolves symlinks and bundles would name their sources by another path, changing every asset hash.
 */
export function linkTree(from: string, to: string): void {
  try {
    execFileSync("cp", ["-al", resolve(from), to], { stdio: "ignore" });
  } catch {
    rmSync(to, { recursive: true, force: true });
    execFileSync("cp", ["-a", resolve(from), to]);
  }
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();
}

/** Runs a command to completion; rejects with the end of its output when it fails. */
function run(command: string, args: string[], cwd: string): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { cwd, env: synthEnvironment(), stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    const collect = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-20_000);
    };
    child.stdout.on("data", collect);
    child.stderr.on("data", collect);
    child.on("error", reject);
    child.on("close", (status) => {
      if (status === 0) resolvePromise();
      else reject(new Error(output.trim().split("\n").slice(-40).join("\n")));
    });
  });
}
