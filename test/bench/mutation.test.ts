// `npm run mutation`'s configuration names what exists: a module or test that was renamed would otherwise drop
// out of the score without a word.
import { existsSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import mutationTests from "../../vitest.mutation.config";

describe("npm run mutation", () => {
  it("mutates modules that exist", async () => {
    const { default: stryker } = await import(pathToFileURL("stryker.config.mjs").href);

    expect(stryker.mutate.length).toBeGreaterThan(0);
    for (const module of stryker.mutate) expect(existsSync(module), module).toBe(true);
  });

  it("runs unit tests that exist, each of them also part of npm test", () => {
    const files = mutationTests.test?.include ?? [];

    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      expect(existsSync(file), file).toBe(true);
      expect(file).toMatch(/^test\/.+\.test\.ts$/);
    }
  });
});
