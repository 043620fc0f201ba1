// The Markdown report: a line per unchanged stack, data first among the replaced, tables that survive any text.
import { describe, expect, it } from "vitest";
import type { StackSnapshot, Template } from "../../../bin/cloud-assembly";
import { reviewChanges } from "../../../bin/review/changes";
import { code, renderReport, reportText } from "../../../bin/review/report";

const snapshot = (id: string, template: Template): StackSnapshot => ({
  id,
  stackName: id,
  artifactId: id,
  template,
  acknowledgements: [],
  assets: [],
});

const topic = (name: string) => ({ Type: "AWS::SNS::Topic", Properties: { TopicName: name } });
const table = (key: string) => ({
  Type: "AWS::DynamoDB::Table",
  Properties: { KeySchema: [{ AttributeName: key, KeyType: "HASH" }] },
  DeletionPolicy: "Retain",
  UpdateReplacePolicy: "Retain",
});

describe("renderReport", () => {
  const review = reviewChanges(
    [
      snapshot("App-Alarms", { Resources: { Topic: topic("a") } }),
      snapshot("App-Data", { Resources: { Table: table("pk") } }),
      snapshot("App-Quiet", {}),
    ],
    [
      snapshot("App-Alarms", { Resources: { Topic: topic("b") } }),
      snapshot("App-Data", { Resources: { Table: table("id") } }),
      snapshot("App-Quiet", {}),
    ],
  );
  const text = reportText(renderReport(review, { base: "`main`", notes: ["A note on the synths."] }));

  it("summarises every stack, saying in one line which do not change", () => {
    expect(text).toContain(
      "The working tree against `main`: 2 of 3 stacks change.\n\n> A note on the synths.",
    );
    expect(text).toContain("| `App-Quiet` |  |  |  | no change |");
    expect(text).toContain("| `App-Data` | 0 | 1 | 0 | ⚠️ replaces or deletes data |");
    expect(text).toContain("\n`App-Quiet`: no change.\n");
  });

  it("puts resources that hold data in a table with their policies, before the others", () => {
    expect(text).toContain(
      "| `App-Data` | `Table` | `AWS::DynamoDB::Table` | replaced (`KeySchema`) | its items | Retain / Retain | " +
        "a new, empty resource takes its place; the old one is kept outside the stack, with its data |",
    );
    expect(text.indexOf("`App-Data` | `Table`")).toBeLessThan(text.indexOf("Other resources:"));
    expect(text).toContain("- `App-Alarms`: replaced `Topic` (`TopicName`)");
  });

  it("says None under each call-out with nothing to say", () => {
    expect(text).toContain("### IAM and security\n\nNone.");
    expect(text).toContain("### Outputs read by other stacks\n\nNone.");
  });

  it("folds each changed stack's cdk diff under a summary", () => {
    expect(text).toContain(
      "<details><summary><code>App-Data</code>: 0 added, 1 changed, 0 removed</summary>\n\n```\n",
    );
    expect(text).toMatch(/\[~\] AWS::DynamoDB::Table Table replace/);
  });
});

describe("code", () => {
  it("fences text holding backticks with a longer run", () => {
    expect(code("a")).toBe("`a`");
    expect(code("a`b")).toBe("`` a`b ``");
    expect(code("")).toBe("");
  });
});
