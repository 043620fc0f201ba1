// The report as one pull-request comment: marked so that the next run finds and updates it, and shortened to
// GitHub's limit on a comment's body by dropping stack details before anything in the overview.
import { createRequire } from "node:module";
import { type Report, reportText } from "./report";

/**
 * The marker that opens the comment, and GitHub's limit on its length, as the workflow's script that posts it
 * checks them (CommonJS, for actions/github-script).
 */
export const { COMMENT_LIMIT, COMMENT_MARKER } = createRequire(import.meta.url)(
  "../../.github/scripts/review-comment.cjs",
) as { COMMENT_LIMIT: number; COMMENT_MARKER: string };

/**
 * @param fullReportUrl where the whole report can be read (the build's artifact), linked when details are left out
 */
export function pullRequestComment(report: Report, fullReportUrl: string, limit = COMMENT_LIMIT): string {
  const whole = `${COMMENT_MARKER}\n${reportText(report)}`;
  if (whole.length <= limit) return whole;

  const details = report.details;
  const omitted = (count: number) =>
    `_${count} of ${details.length} stacks' details are left out to fit GitHub's comment limit: ` +
    `[the full report](${fullReportUrl}) has them._`;
  const footerRoom = omitted(details.length).length + 2;
  const overview = shorten(`${COMMENT_MARKER}\n${report.overview}`, limit - footerRoom, fullReportUrl);
  const parts = [overview];
  let length = overview.length;
  let kept = 0;
  for (const block of details) {
    if (length + block.length + 2 + footerRoom > limit) break;
    parts.push(block);
    length += block.length + 2;
    kept++;
  }
  return `${[...parts, omitted(details.length - kept)].join("\n\n")}\n`;
}

/** The overview itself too long (a change to hundreds of resources): cut at a line, and say so. */
function shorten(text: string, room: number, fullReportUrl: string): string {
  if (text.length <= room) return text;
  const notice = `\n\n_The overview is cut here to fit GitHub's comment limit: see [the full report](${fullReportUrl})._`;
  const cut = text.lastIndexOf("\n", room - notice.length);
  return text.slice(0, Math.max(0, cut)) + notice;
}
