// The sandbox app's cloud assembly, synthesized once per state of its inputs and kept in node_modules/.cache:
// a restart, or every `npm start` of the test suite, reuses it; a change to a construct, a runtime module, the
// app, cdk.json or the locked dependencies synthesizes afresh.
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rename, rm, stat } from "node:fs/promises";
import { join, relative } from "node:path";
import { SandboxStartError } from "../start-error";

/** The repository, where the inputs and the cache are. */
export const PROJECT_ROOT = join(import.meta.dirname, "..", "..");

/** Everything the synthesized assembly depends on: the workload, the app, how it is synthesized. */
const INPUTS = [
  "usermanagement",
  "bin",
  "constants.ts",
  "cdk.json",
  "package-lock.json",
  "sandbox/cloudformation/synthesis.ts",
];

export const CACHE_DIR = join(PROJECT_ROOT, "node_modules", ".cache", "sandbox-assembly");

/** Assemblies of other input states kept besides the current one, e.g. for a branch switched back to. */
const KEPT_OTHERS = 2;

/** A digest of every input file's path and content, in the project at `root`. */
export async function inputsDigest(root = PROJECT_ROOT): Promise<string> {
  const hash = createHash("sha256");
  const files = (await Promise.all(INPUTS.map((input) => filesUnder(join(root, input))))).flat();
  for (const file of files.sort()) {
    hash
      .update(relative(root, file))
      .update("\0")
      .update(await readFile(file))
      .update("\0");
  }
  return hash.digest("hex").slice(0, 24);
}

/**
 * The directory of the sandbox app's cloud assembly for the current inputs, synthesizing it first (in a child
 * process, so that the caller's work, e.g. starting DynamoDB Local, goes on meanwhile) when none is cached.
 */
export async function cachedSandboxAssembly(): Promise<string> {
  const digest = await inputsDigest();
  const assembly = join(CACHE_DIR, digest);
  if (existsSync(join(assembly, "manifest.json"))) return assembly;
  await mkdir(CACHE_DIR, { recursive: true });
  // Written aside and renamed into place, so that a directory under its digest is always complete, whichever of
  // two sandboxes starting at once finishes first.
  const staging = await mkdtemp(join(CACHE_DIR, `${digest}-staging-`));
  try {
    await synthesizeInChild(staging);
    await rename(staging, assembly).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== "ENOTEMPTY" && error.code !== "EEXIST") throw error;
    });
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  await pruneOthers(digest);
  return assembly;
}

function synthesizeInChild(outdir: string): Promise<void> {
  const script = join(import.meta.dirname, "synthesis.ts");
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ["--import", "tsx", script, outdir],
      { cwd: PROJECT_ROOT, maxBuffer: 16 * 1024 * 1024 },
      (error, _stdout, stderr) => {
        if (!error) return resolve();
        const reason = stderr.trim().split("\n").filter(Boolean).slice(-5).join("\n");
        reject(new SandboxStartError(`The sandbox app did not synthesize:\n${reason || error.message}`));
      },
    );
  });
}

async function pruneOthers(current: string): Promise<void> {
  const entries = await readdir(CACHE_DIR);
  const others = await Promise.all(
    entries
      .filter((name) => name !== current && !name.includes("-staging-"))
      .map(async (name) => ({ name, modified: (await stat(join(CACHE_DIR, name))).mtimeMs })),
  );
  const stale = others.sort((a, b) => b.modified - a.modified).slice(KEPT_OTHERS);
  await Promise.all(stale.map(({ name }) => rm(join(CACHE_DIR, name), { recursive: true, force: true })));
}

async function filesUnder(path: string): Promise<string[]> {
  const stats = await stat(path);
  if (!stats.isDirectory()) return [path];
  const entries = await readdir(path, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}
