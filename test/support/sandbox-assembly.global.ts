// Vitest global setup: the sandbox app's cloud assembly, synthesized once before any test file runs (or taken
// from the cache), so that every `npm start` of the suite and every table a test creates reuse it.
import type { TestProject } from "vitest/node";
import { cachedSandboxAssembly } from "../../sandbox/cloudformation/assembly-cache";

declare module "vitest" {
  export interface ProvidedContext {
    sandboxAssembly: string;
  }
}

export default async function setup(project: TestProject) {
  project.provide("sandboxAssembly", await cachedSandboxAssembly());
}
