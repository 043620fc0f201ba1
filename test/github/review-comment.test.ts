// `.github/scripts/review-comment.cjs` (tested from here: tsc skips dot directories): one comment per pull
// request, updated in place, and nothing posted on the word of an artifact that does not check out. GitHub's API
// cannot run here: a fake Octokit records the calls.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

const { COMMENT_MARKER, postReviewComment } = createRequire(import.meta.url)(
  "../../.github/scripts/review-comment.cjs",
);

const REPO = { owner: "acme", repo: "user-management" };
const HEAD = "0123456789abcdef0123456789abcdef01234567";
const FORK = "alice/user-management";
const BUILT = { headSha: HEAD, headRepository: FORK };
const BODY = `${COMMENT_MARKER}\n## Stack review\n`;

interface Comment {
  id: number;
  user: { login: string };
  body: string;
}

function fakeGitHub(headSha: string, comments: Comment[], headRepository = FORK) {
  const calls: [string, object][] = [];
  const listComments = async () => ({ data: comments });
  const github = {
    rest: {
      pulls: { get: async () => ({ data: { head: { sha: headSha, repo: { full_name: headRepository } } } }) },
      issues: {
        listComments,
        updateComment: async (params: object) => calls.push(["update", params]),
        createComment: async (params: object) => {
          calls.push(["create", params]);
          return { data: { id: 7 } };
        },
      },
    },
    paginate: async (method: typeof listComments) => (await method()).data,
  };
  return { github, calls };
}

let artifact: string;
const writeArtifact = (pullRequest: string, body = BODY) => {
  writeFileSync(join(artifact, "pull-request"), pullRequest);
  writeFileSync(join(artifact, "comment.md"), body);
};

beforeEach(() => {
  artifact = mkdtempSync(join(tmpdir(), "stack-review-"));
});
afterEach(() => rmSync(artifact, { recursive: true, force: true }));

describe("postReviewComment", () => {
  it("creates the comment on the first run", async () => {
    writeArtifact("12\n");
    const { github, calls } = fakeGitHub(HEAD, []);

    const outcome = await postReviewComment({ github, repo: REPO, directory: artifact, ...BUILT });

    expect(calls).toEqual([["create", { ...REPO, issue_number: 12, body: BODY }]]);
    expect(outcome).toBe("created comment 7 on pull request #12");
  });

  it("updates the comment an earlier run left, and adds none", async () => {
    writeArtifact("12");
    const { github, calls } = fakeGitHub(HEAD, [
      { id: 3, user: { login: "alice" }, body: "Looks good" },
      { id: 5, user: { login: "github-actions[bot]" }, body: `${COMMENT_MARKER}\nthe previous review` },
    ]);

    await postReviewComment({ github, repo: REPO, directory: artifact, ...BUILT });

    expect(calls).toEqual([["update", { ...REPO, comment_id: 5, body: BODY }]]);
  });

  it("leaves a person's comment that carries the marker alone", async () => {
    writeArtifact("12");
    const { github, calls } = fakeGitHub(HEAD, [{ id: 3, user: { login: "mallory" }, body: COMMENT_MARKER }]);

    await postReviewComment({ github, repo: REPO, directory: artifact, ...BUILT });

    expect(calls.map(([call]) => call)).toEqual(["create"]);
  });

  it("posts nothing when the pull request has moved past the reviewed commit, or is another one", async () => {
    writeArtifact("12");
    const moved = fakeGitHub("f".repeat(40), []);
    const elsewhere = fakeGitHub(HEAD, [], "mallory/user-management");

    const outcome = await postReviewComment({
      github: moved.github,
      repo: REPO,
      directory: artifact,
      ...BUILT,
    });
    await postReviewComment({ github: elsewhere.github, repo: REPO, directory: artifact, ...BUILT });

    expect([...moved.calls, ...elsewhere.calls]).toEqual([]);
    expect(outcome).toBe(`pull request #12 is not at ${FORK}@${HEAD}: not commented`);
  });

  it("refuses an artifact that names no pull request, or whose body is no review", async () => {
    const { github, calls } = fakeGitHub(HEAD, []);
    const post = () => postReviewComment({ github, repo: REPO, directory: artifact, ...BUILT });

    writeArtifact("12; rm -rf /");
    await expect(post()).rejects.toThrow("the artifact names no pull request");
    writeArtifact("12", "@everyone look at this");
    await expect(post()).rejects.toThrow("comment.md is not a stack review within GitHub's comment limit");
    writeArtifact("12", `${COMMENT_MARKER}\n${"x".repeat(70_000)}`);
    await expect(post()).rejects.toThrow("comment.md is not a stack review");
    expect(calls).toEqual([]);
  });
});
