// `npm run review` on commits made here, in a throw-away repository holding this checkout's files: a base on
// `main`, and two branches — one with three changes to the APIs, one that only restyles the UI. Synths are the
// cost (several seconds of CPU each), so there are four: the CLI's two, on the API change (whose head assembly the
// other tests read too), then the base and the restyled UI, side by side.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readStacks, type StackSnapshot } from "../../bin/cloud-assembly";
import { type Review, reviewChanges } from "../../bin/review/changes";
import { COMMENT_MARKER, pullRequestComment } from "../../bin/review/comment";
import { describeRevision, renderReport, reportText } from "../../bin/review/report";
import { checkOut, synthesize } from "../../bin/synthesis";
import { ScratchRepository } from "../support/git-history";

const SANDBOX = "UserManagementSandbox";
const PRODUCTION = "Toolchain/UserManagementToolchain/Production/UserManagementProduction";

let repository: ScratchRepository;
let mainCommit: string;
let base: StackSnapshot[];
let apiChange: Review;
let styleChange: Review;
let cli: { status: number | null; stdout: string; stderr: string; report: string; comment: string };

async function synthesizeCommit(ref: string): Promise<StackSnapshot[]> {
  const checkout = await checkOut(ref, repository.dir);
  try {
    return readStacks(await synthesize(checkout.dir));
  } finally {
    checkout.dispose();
  }
}

beforeAll(async () => {
  repository = new ScratchRepository();
  mainCommit = repository.git("rev-parse", "main");
  repository.commit("api-change", {
    // A new key for the Users table: DynamoDB can only replace the table.
    "usermanagement/users-api/database/table-schema.ts": (text) =>
      text.replace('partitionKey: "pk"', 'partitionKey: "id"'),
    // One more action for the Users API's function on the table.
    "usermanagement/users-api/api/infrastructure.ts": (text) =>
      text.replace('"dynamodb:GetItem",', '"dynamodb:GetItem", "dynamodb:Scan",'),
    // A renamed unit: the endpoint the UI reads by weak reference gets a new output name.
    "usermanagement/chatbot-api/component.ts": (text) =>
      text.replace('new LambdaHttpApi(this, "NLP"', 'new LambdaHttpApi(this, "Nlu"'),
  });
  const styleCommit = repository.commit("style-change", {
    "usermanagement/users-ui/spa/runtime/styles/base.css": (css) =>
      `${css}\n.review-test { color: inherit; }\n`,
  });
  repository.git("checkout", "--quiet", "api-change");
  cli = runReview();
  // Two synths at a time, as the CLI does: the machine has two cores.
  const [main, style] = await Promise.all([synthesizeCommit("main"), synthesizeCommit(styleCommit)]);
  base = main;
  apiChange = reviewChanges(main, readStacks(join(repository.dir, "cdk.out")));
  styleChange = reviewChanges(main, style);
}, 900_000);

/** `npm run review` in the repository, on the branch checked out. */
const review = (...args: string[]) =>
  spawnSync(process.execPath, ["--import", "tsx", "bin/review.ts", ...args], {
    cwd: repository.dir,
    encoding: "utf8",
    timeout: 600_000,
  });

/** The review of the branch checked out, against its default base (the merge base with `main`). */
function runReview() {
  const out = mkdtempSync(join(tmpdir(), "review-output-"));
  try {
    const run = review(
      "--fail-on",
      "replacement",
      "--output",
      join(out, "report.md"),
      "--comment",
      join(out, "comment.md"),
      "--report-url",
      "https://example.com/run",
    );
    const read = (file: string) => readFileSync(join(out, file), "utf8");
    return { ...run, report: read("report.md"), comment: read("comment.md") };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

afterAll(() => repository?.dispose());

const stack = (review: Review, id: string) => {
  const found = review.stacks.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no stack ${id} in the review`);
  return found;
};

describe("npm run review", () => {
  it("reports the Users table replaced in both Users API stacks, sandbox and production, as holding data", () => {
    for (const id of [`${SANDBOX}-UsersAPI`, `${PRODUCTION}-UsersAPI`]) {
      const tables = stack(apiChange, id).resources.filter(
        (resource) => resource.type === "AWS::DynamoDB::Table",
      );
      expect(tables, id).toEqual([
        expect.objectContaining({ impact: "replaced", causes: ["KeySchema"], data: "its items" }),
      ]);
    }
    const report = renderReport(apiChange, { base: "main" }).overview;
    expect(report).toMatch(
      /⚠️ Resources that hold data:\n\n\| Stack .*\n.*\n\| `UserManagementSandbox-UsersAPI` \| `Database\/Table`/,
    );
  });

  it("calls out an IAM widening as a broadening of permissions, naming the new action, in both Users API stacks", () => {
    for (const id of [`${SANDBOX}-UsersAPI`, `${PRODUCTION}-UsersAPI`]) {
      const security = stack(apiChange, id).security;
      expect(security?.broadened, id).toBe(true);
      const added = security?.tables.flatMap((table) => table.rows).filter((row) => row[0] === "+");
      expect(added?.map((row) => row[3]).join("\n")).toContain("dynamodb:Scan");
    }
  });

  it("calls out an output the UI reads by weak reference that is renamed, with the name the UI reads now", () => {
    for (const [producer, consumer] of [
      [`${SANDBOX}-ChatbotAPI`, `${SANDBOX}-UsersUI`],
      [`${PRODUCTION}-ChatbotAPI`, `${PRODUCTION}-UsersUI`],
    ]) {
      const read = weakReferences(base, consumer, producer);
      expect(read.length, consumer).toBeGreaterThan(0);
      for (const output of read) {
        expect(apiChange.outputs).toContainEqual({
          stack: producer,
          output,
          change: "removed",
          readers: [
            {
              stack: consumer,
              kind: "Fn::GetStackOutput",
              note: expect.stringMatching(/^read it at the base; it now reads `PublishOutput\w*Nlu\w*`$/),
              warning: false,
            },
          ],
        });
      }
    }
  });

  it("shows a CSS-only change as new site files for the UI stacks (and the pipeline that publishes them), the rest unchanged", () => {
    const changed = styleChange.stacks.filter((review) => !review.isEmpty);
    expect(changed.map((review) => review.id).sort()).toEqual(
      [`${SANDBOX}-UsersUI`, "Toolchain/UserManagementToolchain", `${PRODUCTION}-UsersUI`].sort(),
    );
    for (const review of changed) {
      expect(review.assetsOnly, review.id).toHaveLength(1);
      expect(review.resources).toEqual([]);
      expect(review.security).toBeUndefined();
    }
    expect(styleChange.outputs).toEqual([]);
    const report = reportText(renderReport(styleChange, { base: "main" }));
    for (const id of [
      `${SANDBOX}-UsersAPI`,
      `${SANDBOX}-ChatbotAPI`,
      `${PRODUCTION}-UsersAPI`,
      `${PRODUCTION}-ChatbotAPI`,
    ]) {
      expect(report).toContain(`\n\`${id}\`: no change.\n`);
    }
  });

  it("keeps every call-out when a pull-request comment must leave stack details out", () => {
    const report = renderReport(apiChange, { base: "main" });
    const limit = report.overview.length + 2_000;

    const comment = pullRequestComment(report, "https://example.com/run", limit);

    expect(comment.length).toBeLessThanOrEqual(limit);
    expect(comment).toContain(report.overview);
    expect(comment).toMatch(/stacks' details are left out to fit GitHub's comment limit/);
  });

  it("refuses, before any synth, a base that is no commit and options it does not know", () => {
    const usage: [string[], string][] = [
      [
        ["--base", "no-such-branch"],
        "review: 'no-such-branch' is not a commit, branch or tag of this repository",
      ],
      [["--fail-on", "everything"], "review: unknown --fail-on value(s): everything"],
      [["--comment", "comment.md"], "review: --comment needs --report-url"],
    ];
    for (const [args, message] of usage) {
      const run = review(...args);
      expect(run.status, String(args)).toBe(2);
      expect(run.stderr).toContain(`${message}\nusage: npm run review`);
    }
  });

  it("prints the same report for the same commits, with no temporary path in it, and fails --fail-on replacement", () => {
    expect(cli.status, cli.stderr).toBe(1);
    expect(cli.stderr).toMatch(/review: --fail-on: \d+ resource\(s\) would be replaced or deleted/);
    // Its base synthesized in a worktree of its own: another path, the same text.
    const base = `the merge base with ${describeRevision("main", mainCommit)}`;
    const expected = reportText(renderReport(apiChange, { base }));
    expect(cli.stdout).toBe(expected);
    expect(cli.report).toBe(expected);
    expect(cli.comment.startsWith(`${COMMENT_MARKER}\n## Stack review`)).toBe(true);
    expect(cli.stdout).not.toContain(tmpdir());
  });
});

/** The outputs of `producer` that `consumer` reads with Fn::GetStackOutput. */
function weakReferences(stacks: StackSnapshot[], consumer: string, producer: string): string[] {
  const producerName = stacks.find((candidate) => candidate.id === producer)?.stackName;
  const outputs = new Set<string>();
  JSON.stringify(stacks.find((candidate) => candidate.id === consumer)?.template, (key, value) => {
    if (key === "Fn::GetStackOutput" && value.StackName === producerName) outputs.add(value.OutputName);
    return value;
  });
  return [...outputs];
}
