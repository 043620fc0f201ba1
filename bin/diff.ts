// `npm run diff -- <stack> [--base <git ref>] [--fail]`: reviews one stack's change without AWS credentials, by
// diffing the current synth of the stack against the template a baseline commit (default: main) synthesizes.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";

const USAGE = "usage: npm run diff -- <stack name or path> [--base <git ref>] [--fail]";

interface Manifest {
  artifacts: Record<
    string,
    { type: string; properties?: { templateFile?: string; directoryName?: string; stackName?: string } }
  >;
}

/** The template file of `stack` (by stack name or hierarchical id) in an assembly and its nested ones. */
function findTemplate(assemblyDir: string, stack: string): string | undefined {
  const manifest: Manifest = JSON.parse(readFileSync(join(assemblyDir, "manifest.json"), "utf8"));
  for (const [id, artifact] of Object.entries(manifest.artifacts)) {
    const { properties } = artifact;
    if (artifact.type === "aws:cloudformation:stack" && (properties?.stackName === stack || id === stack)) {
      return join(assemblyDir, properties?.templateFile ?? "");
    }
    if (artifact.type === "cdk:cloud-assembly" && properties?.directoryName) {
      const nested = findTemplate(join(assemblyDir, properties.directoryName), stack);
      if (nested) return nested;
    }
  }
  return undefined;
}

/**
 * Synthesizes the app as it is at `ref`, in a temporary worktree with a copy of this checkout's node_modules.
 * A copy, not a symlink: esbuild resolves symlinks, so bundles would name their sources by another path, their
 * source maps (and so their asset hashes) would change, and every function would show as changed.
 */
function synthesizeBaseline(ref: string, workDir: string): string {
  const tree = join(workDir, "tree");
  execFileSync("git", ["worktree", "add", "--detach", "--quiet", tree, ref], { stdio: "inherit" });
  execFileSync("cp", ["-a", resolve("node_modules"), join(tree, "node_modules")]);
  // Into the tree's own cdk.out, like the current synth: bundles and their source maps name their sources
  // relative to it, so an unchanged function keeps its asset hash.
  const synth = spawnSync("npx", ["cdk", "synth", "--quiet"], {
    cwd: tree,
    stdio: ["ignore", "ignore", "inherit"],
  });
  if (synth.status !== 0) throw new Error(`the baseline ${ref} does not synthesize`);
  return join(tree, "cdk.out");
}

function main(): number {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { base: { type: "string", default: "main" }, fail: { type: "boolean", default: false } },
  });
  if (positionals.length !== 1) {
    console.error(USAGE);
    return 2;
  }
  const [stack] = positionals;
  const base = values.base ?? "main";
  if (spawnSync("git", ["rev-parse", "--git-dir"], { stdio: "ignore" }).status !== 0) {
    console.error("diff: not inside a git repository, so there is no baseline commit to synthesize");
    return 2;
  }
  if (spawnSync("git", ["rev-parse", "--verify", "--quiet", `${base}^{commit}`]).status !== 0) {
    console.error(`diff: '${base}' is not a commit, branch or tag of this repository`);
    return 2;
  }
  const workDir = mkdtempSync(join(tmpdir(), "stack-diff-"));
  try {
    console.error(`diff: synthesizing ${base} for the baseline of ${stack}…`);
    const baseline = findTemplate(synthesizeBaseline(base, workDir), stack);
    const template = baseline ?? join(workDir, "empty.template.json");
    if (!baseline) {
      console.error(`diff: ${stack} does not exist at ${base}; diffing against an empty template`);
      writeFileSync(template, "{}");
    }
    const diff = spawnSync(
      "npx",
      ["cdk", "diff", "--template", template, ...(values.fail ? ["--fail"] : []), stack],
      { stdio: "inherit" },
    );
    return diff.status ?? 1;
  } catch (error) {
    console.error(`diff: ${(error as Error).message}`);
    return 2;
  } finally {
    if (existsSync(join(workDir, "tree"))) {
      spawnSync("git", ["worktree", "remove", "--force", join(workDir, "tree")]);
    }
    rmSync(workDir, { recursive: true, force: true });
  }
}

process.exitCode = main();
