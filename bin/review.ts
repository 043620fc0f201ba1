// `npm run review`: what every stack — the sandbox's, the toolchain's, production's — would change, from two synths
// (a base revision's and the working tree's), with the dangerous changes first. No AWS credentials needed.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { parseArgs } from "node:util";
import { readStacks } from "./cloud-assembly";
import { GATES, type Gate, gateFailures, reviewChanges } from "./review/changes";
import { pullRequestComment } from "./review/comment";
import { describeRevision, renderReport, reportText } from "./review/report";
import { type Checkout, checkOut, synthesizeBoth } from "./synthesis";

const USAGE =
  "usage: npm run review -- [--base <git ref>] [--fail-on replacement|security|any]… [--output <file>]\n" +
  "                         [--comment <file> --report-url <url>]";

const DEFAULT_OUTPUT = "cdk.out/review.md";

class UsageError extends Error {}

const git = (...args: string[]) =>
  execFileSync("git", args, { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();

const isCommit = (ref: string) =>
  spawnSync("git", ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`], { stdio: "ignore" }).status === 0;

/** The commit to compare with, and how the report names it. */
function resolveBase(requested: string | undefined): { commit: string; description: string } {
  if (requested !== undefined) {
    if (!isCommit(requested))
      throw new UsageError(`'${requested}' is not a commit, branch or tag of this repository`);
    const commit = git("rev-parse", `${requested}^{commit}`);
    return { commit, description: describeRevision(requested, commit) };
  }
  const main = ["main", "origin/main"].find(isCommit);
  if (!main)
    throw new UsageError("there is no 'main' or 'origin/main' to compare with: name one with --base");
  // The merge base: what this branch changes, not what main gained since the branch began.
  const mergeBase = spawnSync("git", ["merge-base", "HEAD", main], { encoding: "utf8" });
  if (mergeBase.status !== 0) {
    const commit = git("rev-parse", `${main}^{commit}`);
    return { commit, description: describeRevision(main, commit) };
  }
  const commit = mergeBase.stdout.trim();
  return { commit, description: `the merge base with ${describeRevision(main, commit)}` };
}

function parse() {
  const { values } = parseArgs({
    options: {
      base: { type: "string" },
      "fail-on": { type: "string", multiple: true, default: [] },
      output: { type: "string", default: DEFAULT_OUTPUT },
      comment: { type: "string" },
      "report-url": { type: "string" },
    },
  });
  const gates = (values["fail-on"] ?? []).flatMap((value) => value.split(","));
  const unknown = gates.filter((gate) => !(GATES as readonly string[]).includes(gate));
  if (unknown.length) throw new UsageError(`unknown --fail-on value(s): ${unknown.join(", ")}`);
  if (values.comment && !values["report-url"]) throw new UsageError("--comment needs --report-url");
  return { ...values, gates: gates as Gate[] };
}

const write = (file: string, text: string) => {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
};

async function main(): Promise<number> {
  let options: ReturnType<typeof parse>;
  let base: ReturnType<typeof resolveBase>;
  try {
    options = parse();
    if (spawnSync("git", ["rev-parse", "--git-dir"], { stdio: "ignore" }).status !== 0) {
      throw new UsageError("not inside a git repository, so there is no base revision to synthesize");
    }
    base = resolveBase(options.base);
  } catch (error) {
    console.error(`review: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }

  console.error(`review: synthesizing ${base.commit.slice(0, 7)} and the working tree…`);
  let checkout: Checkout | undefined;
  try {
    checkout = await checkOut(base.commit);
    const [baseAssembly, headAssembly] = await synthesizeBoth(checkout.dir, process.cwd());
    const review = reviewChanges(readStacks(baseAssembly), readStacks(headAssembly));
    const report = renderReport(review, { base: base.description, notes: checkout.notes });
    const text = reportText(report);
    process.stdout.write(text);
    write(options.output, text);
    console.error(`review: report written to ${options.output}`);
    if (options.comment && options["report-url"]) {
      write(options.comment, pullRequestComment(report, options["report-url"]));
    }
    const failures = gateFailures(review, options.gates);
    for (const failure of failures) console.error(`review: --fail-on: ${failure}`);
    return failures.length ? 1 : 0;
  } catch (error) {
    console.error(`review: ${(error as Error).message}`);
    return 2;
  } finally {
    checkout?.dispose();
  }
}

process.exitCode = await main();
