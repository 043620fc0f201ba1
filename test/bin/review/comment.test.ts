// The pull-request comment: found again by its marker, and within GitHub's limit with the call-outs kept whole.
import { describe, expect, it } from "vitest";
import { COMMENT_LIMIT, COMMENT_MARKER, pullRequestComment } from "../../../bin/review/comment";
import { reportText } from "../../../bin/review/report";

const URL = "https://github.com/acme/app/actions/runs/42";

const overview = [
  "## Stack review",
  "### Replaced or deleted",
  "| `App-Data` | `Database/Table` | `AWS::DynamoDB::Table` | replaced (`KeySchema`) | ⚠️ its items |",
  "### IAM and security",
  "| + | `Database/Table.Arn` | Allow | `dynamodb:Scan` |",
].join("\n\n");

const stackDetails = (index: number, size: number) =>
  `<details><summary>\`Stack${index}\`</summary>\n\n\`\`\`\n${"[~] a change\n".repeat(size / 13)}\`\`\`\n\n</details>`;

describe("pullRequestComment", () => {
  it("is the whole report after the marker when it fits", () => {
    const report = { overview, details: [stackDetails(1, 1000), "`Stack2`: no change."] };

    const comment = pullRequestComment(report, URL);

    expect(comment).toBe(`${COMMENT_MARKER}\n${reportText(report)}`);
  });

  it("fits GitHub's limit by leaving out stack details, keeping every call-out and linking the full report", () => {
    const details = Array.from({ length: 12 }, (_, index) => stackDetails(index, 10_000));
    const report = { overview, details };

    const comment = pullRequestComment(report, URL);

    expect(comment.length).toBeLessThanOrEqual(COMMENT_LIMIT);
    expect(comment.startsWith(`${COMMENT_MARKER}\n${overview}`)).toBe(true);
    const kept = details.filter((block) => comment.includes(block)).length;
    expect(kept).toBeGreaterThan(0);
    expect(comment).toContain(
      `_${12 - kept} of 12 stacks' details are left out to fit GitHub's comment limit`,
    );
    expect(comment).toContain(`[the full report](${URL})`);
    // Whole blocks only: no code fence left open.
    expect(comment.match(/```/g)?.length ?? 0).toBe(kept * 2);
  });

  it("cuts an overview that alone exceeds the limit at a line, and says so", () => {
    const huge = `${overview}\n\n${"| `App` | `Resource` | replaced |\n".repeat(5000)}`;

    const comment = pullRequestComment({ overview: huge, details: [stackDetails(1, 100)] }, URL, 10_000);

    expect(comment.length).toBeLessThanOrEqual(10_000);
    expect(comment).toContain("### Replaced or deleted");
    expect(comment).toContain(
      `_The overview is cut here to fit GitHub's comment limit: see [the full report](${URL})._`,
    );
    expect(comment).toContain("_1 of 1 stacks' details are left out");
  });
});
