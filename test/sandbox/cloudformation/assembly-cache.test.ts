// The synthesized assembly is reused while its inputs stay the same, and synthesized afresh when any changes.
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, inject, it } from "vitest";
import { cachedSandboxAssembly, inputsDigest } from "../../../sandbox/cloudformation/assembly-cache";

/** A project with one file in each input. */
function project(): string {
  const root = mkdtempSync(join(tmpdir(), "assembly-inputs-"));
  for (const dir of ["usermanagement/users-api/api", "bin", "sandbox/cloudformation"]) {
    mkdirSync(join(root, dir), { recursive: true });
  }
  writeFileSync(
    join(root, "usermanagement/users-api/api/infrastructure.ts"),
    "export const grant = 'Query';",
  );
  writeFileSync(join(root, "bin/sandbox-workload.ts"), "export {};");
  writeFileSync(join(root, "sandbox/cloudformation/synthesis.ts"), "export {};");
  for (const file of ["constants.ts", "cdk.json", "package-lock.json", "README.md"])
    writeFileSync(join(root, file), "{}");
  return root;
}

describe("the assembly's cache key", () => {
  it("changes with a construct, the app, cdk.json or the locked dependencies", async () => {
    const root = project();
    const before = await inputsDigest(root);
    for (const [file, content] of [
      ["usermanagement/users-api/api/infrastructure.ts", "export const grant = 'GetItem';"],
      ["bin/sandbox-workload.ts", "export const changed = 1;"],
      ["cdk.json", '{"context":{}}'],
      ["package-lock.json", '{"lockfileVersion":3}'],
    ]) {
      const changed = mkdtempSync(join(tmpdir(), "assembly-inputs-"));
      cpSync(root, changed, { recursive: true });
      writeFileSync(join(changed, file), content);
      expect(await inputsDigest(changed), file).not.toBe(before);
    }
  });

  it("stays the same for what the synthesis does not read, e.g. the README", async () => {
    const root = project();
    const before = await inputsDigest(root);
    writeFileSync(join(root, "README.md"), "# changed");
    expect(await inputsDigest(root)).toBe(before);
  });
});

describe("the cached assembly", () => {
  it("is the one the suite's setup synthesized, found again by its key", async () => {
    expect(await cachedSandboxAssembly()).toBe(inject("sandboxAssembly"));
  });
});
