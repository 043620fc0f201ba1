// Posts a pull request's stack review as one comment: the comment an earlier run left (found by its marker) is
// updated rather than another added. It runs in actions/github-script with a token that may write pull requests,
// on files a pull request's build made, so it checks what it reads: the number names a pull request whose
// head is the commit (and repository) that was reviewed, and the body is a review within GitHub's limit.
const { readFileSync } = require("node:fs");
const { join } = require("node:path");

/** Opens every review comment; `npm run review -- --comment` writes it. */
const COMMENT_MARKER = "<!-- user-management:stack-review -->";

/** GitHub refuses a comment body over 65,536 characters. */
const COMMENT_LIMIT = 65_536;

/** The author of comments made with a workflow's GITHUB_TOKEN. */
const WORKFLOW_BOT = "github-actions[bot]";

/**
 * @param {object} options
 * @param {any} options.github an authenticated Octokit (github-script's `github`)
 * @param {{ owner: string, repo: string }} options.repo
 * @param {string} options.directory the downloaded artifact: `pull-request` (its number) and `comment.md`
 * @param {string} options.headSha the commit the build reviewed (`workflow_run.head_sha`)
 * @param {string} options.headRepository the repository it came from (`workflow_run.head_repository.full_name`)
 * @returns {Promise<string>} what was done, for the log
 */
async function postReviewComment({ github, repo, directory, headSha, headRepository }) {
  const number = Number(readFileSync(join(directory, "pull-request"), "utf8").trim());
  if (!Number.isSafeInteger(number) || number <= 0) throw new Error("the artifact names no pull request");
  const body = readFileSync(join(directory, "comment.md"), "utf8");
  if (!body.startsWith(COMMENT_MARKER) || body.length > COMMENT_LIMIT) {
    throw new Error("comment.md is not a stack review within GitHub's comment limit");
  }

  const { data: pull } = await github.rest.pulls.get({ ...repo, pull_number: number });
  // A pull request other than the one built, or a newer push whose own run will comment.
  if (pull.head.sha !== headSha || pull.head.repo?.full_name !== headRepository) {
    return `pull request #${number} is not at ${headRepository}@${headSha}: not commented`;
  }

  const comments = await github.paginate(github.rest.issues.listComments, {
    ...repo,
    issue_number: number,
    per_page: 100,
  });
  const previous = comments.find(
    (comment) => comment.user?.login === WORKFLOW_BOT && comment.body?.startsWith(COMMENT_MARKER),
  );
  if (previous) {
    await github.rest.issues.updateComment({ ...repo, comment_id: previous.id, body });
    return `updated comment ${previous.id} on pull request #${number}`;
  }
  const { data: created } = await github.rest.issues.createComment({ ...repo, issue_number: number, body });
  return `created comment ${created.id} on pull request #${number}`;
}

module.exports = { COMMENT_LIMIT, COMMENT_MARKER, postReviewComment };
