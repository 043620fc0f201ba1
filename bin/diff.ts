// `npm run diff -- <stack> [--base <git ref>] [--fail]`: reviews one stack's change without AWS credentials, by
// diffing the working tree's synth of the stack against the template a baseline commit (default: main) synthesizes.
// `npm run review` does the same for every stack at once.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { findTemplate } from "./cloud-assembly";
import { type Checkout, checkOut, synthEnvironment, synthesizeBoth } from "./synthesis";

const USAGE = "usage: npm run diff -- <stack name or path> [--base <git ref>] [--fail]";

async function main(): Promise<number> {
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
  console.error(`diff: synthesizing ${base} and the working tree…`);
  const emptyDir = mkdtempSync(join(tmpdir(), "stack-diff-"));
  let checkout: Checkout | undefined;
  try {
    checkout = await checkOut(base);
    const [baseline, current] = await synthesizeBoth(checkout.dir, process.cwd());
    for (const note of checkout.notes) console.error(`diff: ${note}`);
    let template = findTemplate(baseline, stack);
    if (!template) {
      console.error(`diff: ${stack} does not exist at ${base}; diffing against an empty template`);
      template = join(emptyDir, "empty.template.json");
      writeFileSync(template, "{}");
    }
    const diff = spawnSync(
      "npx",
      ["cdk", "diff", "--app", current, "--template", template, ...(values.fail ? ["--fail"] : []), stack],
      { stdio: "inherit", env: synthEnvironment() },
    );
    return diff.status ?? 1;
  } catch (error) {
    console.error(`diff: ${(error as Error).message}`);
    return 2;
  } finally {
    checkout?.dispose();
    rmSync(emptyDir, { recursive: true, force: true });
  }
}

process.exitCode = await main();
