// Builds something the sandbox runs from source (a Java launcher, the Lambda runtime's bootstrap) once per
// version of its inputs, into node_modules/.cache, so that only the first start pays for the build.
import { createHash, randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, rename, rm } from "node:fs/promises";
import { join } from "node:path";

const CACHE_ROOT = join(import.meta.dirname, "..", "node_modules", ".cache", "usermanagement-sandbox");

/**
 * The directory holding what `build` wrote for exactly these `inputs` (file contents, versions…), building it
 * first if no earlier run did. Processes racing to build the same inputs each build apart and the first to finish
 * wins, so a reader never sees a half-written directory.
 */
export async function cachedBuild(
  name: string,
  inputs: readonly (string | Buffer)[],
  build: (outDir: string) => Promise<void>,
): Promise<string> {
  const hash = createHash("sha256");
  for (const input of inputs) hash.update(input).update("\0");
  const dir = join(CACHE_ROOT, name, hash.digest("hex").slice(0, 16));
  if (existsSync(dir)) return dir;
  const staging = `${dir}.${randomUUID()}`;
  await mkdir(staging, { recursive: true });
  try {
    await build(staging);
    await rename(staging, dir);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    // Another process finished the same build first: its result is as good as ours.
    if (!existsSync(dir)) throw error;
  }
  return dir;
}
