// The review as Markdown: a summary of every stack, the call-outs a reviewer must not miss, then each stack's
// `cdk diff`. Plain text in, plain text out: the same review always renders the same report.
import type { Review } from "./changes";
import type { OutputCallout } from "./consumed-outputs";
import { compare, type ResourceCallout, type StackReview } from "./stack-review";

/** The report in parts, so that a shortened copy (a pull-request comment) can keep the call-outs whole. */
export interface Report {
  /** Title, what was compared, the summary table and every call-out. */
  readonly overview: string;
  /** One block per stack: its `cdk diff`, or a line saying it does not change. */
  readonly details: readonly string[];
}

export interface ReportContext {
  /** What the working tree was compared with, in Markdown (e.g. "`main` at `1a2b3c4`"). */
  readonly base: string;
  /** Anything the reader should know about how the synths were made. */
  readonly notes?: readonly string[];
}

/** How the report names a revision: the ref as given, and its commit. */
export const describeRevision = (ref: string, commit: string) => `${code(ref)} (${code(commit.slice(0, 7))})`;

export const reportText = (report: Report): string =>
  `${[report.overview, ...report.details].join("\n\n")}\n`;

export function renderReport(review: Review, context: ReportContext): Report {
  const changed = review.stacks.filter((stack) => !stack.isEmpty).length;
  const overview = [
    "## Stack review",
    `The working tree against ${context.base}: ${changed} of ${review.stacks.length} stacks change.`,
    ...(context.notes ?? []).map((note) => `> ${note}`),
    summaryTable(review),
    "### Replaced or deleted",
    replacements(review),
    "### IAM and security",
    security(review),
    "### Outputs read by other stacks",
    outputs(review.outputs),
    "### cdk-nag acknowledgements",
    acknowledgements(review),
    "### Staged asset sizes",
    assetSizes(review),
    "### Stacks",
  ].join("\n\n");
  return { overview, details: review.stacks.map(stackDetails) };
}

function summaryTable(review: Review): string {
  const rows = review.stacks.map((stack) => {
    const { added, changed, removed } = stack.counts;
    const counts = stack.isEmpty ? ["", "", ""] : [added, changed, removed].map(String);
    return [code(stack.id), ...counts, summaryNotes(stack, review.outputs)];
  });
  return table(["Stack", "Added", "Changed", "Removed", "Review"], rows, ["---", "--:", "--:", "--:", "---"]);
}

function summaryNotes(stack: StackReview, outputs: readonly OutputCallout[]): string {
  if (stack.isEmpty) return "no change";
  const notes = [
    stack.presence === "added" ? "new stack" : "",
    stack.presence === "removed" ? "no longer in the app" : "",
    stack.resources.some((resource) => resource.data) ? "⚠️ replaces or deletes data" : "",
    stack.resources.some((resource) => !resource.data) ? "replaces or deletes resources" : "",
    stack.security ? (stack.security.broadened ? "⚠️ broadens permissions" : "changes permissions") : "",
    outputs.some((callout) => callout.stack === stack.id) ? "changes outputs other stacks read" : "",
    stack.assetsOnly ? `new asset versions only: ${stack.assetsOnly.map(code).join(", ")}` : "",
  ].filter(Boolean);
  return notes.length ? notes.join("; ") : "changes";
}

/** Resources that hold data in a table with their policies, then the others in a line per stack. */
function replacements(review: Review): string {
  const all = review.stacks.flatMap((stack) => stack.resources);
  if (all.length === 0) return "None.";
  const data = all.filter((resource) => resource.data);
  const rows = data.map((resource) => [
    code(resource.stack),
    code(resource.path),
    code(resource.type),
    change(resource),
    resource.data ?? "",
    `${resource.deletionPolicy} / ${resource.updateReplacePolicy}`,
    resource.consequence,
  ]);
  const header = [
    "Stack",
    "Resource",
    "Type",
    "Change",
    "Holds",
    "DeletionPolicy / UpdateReplacePolicy",
    "What happens",
  ];
  const others = review.stacks.flatMap((stack) => {
    const resources = stack.resources.filter((resource) => !resource.data);
    if (resources.length === 0) return [];
    const byImpact = [...new Set(resources.map((resource) => resource.impact))].map((impact) => {
      const named = resources.filter((resource) => resource.impact === impact).map(withCauses);
      return `${impact} ${named.join(", ")}`;
    });
    return [`- ${code(stack.id)}: ${byImpact.join("; ")}`];
  });
  const gone = review.stacks
    .filter((stack) => stack.presence === "removed")
    .map(
      (stack) =>
        `${code(stack.id)} is no longer in the app: deployments leave it in place; the lists above say what deleting it would do.`,
    );
  return [
    data.length ? `⚠️ Resources that hold data:\n\n${table(header, rows)}` : "No resource that holds data.",
    ...(others.length ? [`Other resources:\n\n${others.join("\n")}`] : []),
    ...gone,
  ].join("\n\n");
}

const change = (resource: ResourceCallout) =>
  resource.causes.length ? `${resource.impact} (${resource.causes.map(code).join(", ")})` : resource.impact;

const withCauses = (resource: ResourceCallout) =>
  resource.causes.length
    ? `${code(resource.path)} (${resource.causes.map(code).join(", ")})`
    : code(resource.path);

function security(review: Review): string {
  const stacks = review.stacks.filter((stack) => stack.security);
  if (stacks.length === 0) return "None.";
  return stacks
    .flatMap((stack) => [
      `#### ${code(stack.id)}${stack.security?.broadened ? " — ⚠️ broadens permissions" : ""}`,
      ...(stack.security?.tables ?? []).flatMap(({ title, rows }) => {
        const [header = [], ...body] = rows;
        return [
          `${title}:`,
          table(
            header,
            body.map((row) => row.map(multilineCode)),
          ),
        ];
      }),
    ])
    .join("\n\n");
}

function outputs(callouts: readonly OutputCallout[]): string {
  if (callouts.length === 0) return "None.";
  return callouts
    .map((callout) => {
      const readers = callout.readers.map(
        (reader) => `  - ${reader.warning ? "⚠️ " : ""}${code(reader.stack)} (${reader.kind}) ${reader.note}`,
      );
      return [`- ${code(callout.stack)} output ${code(callout.output)} ${callout.change}:`, ...readers].join(
        "\n",
      );
    })
    .join("\n");
}

function acknowledgements(review: Review): string {
  const lines = review.stacks.flatMap((stack) => {
    const { added, removed, reworded } = stack.acknowledgements;
    const where = (path: string, rule: string) => `${code(rule)} on ${code(path)} in ${code(stack.id)}`;
    return [
      ...added.map((ack) => `- added: ${where(ack.path, ack.rule)}: ${ack.reason}`),
      ...removed.map((ack) => `- removed: ${where(ack.path, ack.rule)} (was: ${ack.reason})`),
      ...reworded.map(
        (ack) => `- reason changed: ${where(ack.path, ack.rule)}: ${ack.reason} (was: ${ack.before})`,
      ),
    ];
  });
  return lines.length ? lines.join("\n") : "None.";
}

function assetSizes(review: Review): string {
  const byChange = new Map<string, { name: string; before?: number; after?: number; stacks: string[] }>();
  for (const stack of review.stacks) {
    for (const change of stack.assetSizes) {
      const key = JSON.stringify([change.name, change.before, change.after]);
      const entry = byChange.get(key) ?? { ...change, stacks: [] };
      entry.stacks.push(stack.id);
      byChange.set(key, entry);
    }
  }
  if (byChange.size === 0) return "None.";
  const rows = [...byChange.values()]
    .sort((a, b) => compare(a.name, b.name))
    .map((change) => [
      code(change.name),
      change.stacks.map(code).join(", "),
      bytes(change.before),
      bytes(change.after),
      delta(change.before, change.after),
    ]);
  return table(["Asset", "Stacks", "Before", "After", "Change"], rows, ["---", "---", "--:", "--:", "--:"]);
}

function stackDetails(stack: StackReview): string {
  if (stack.isEmpty) return `${code(stack.id)}: no change.`;
  const { added, changed, removed } = stack.counts;
  // HTML, not Markdown: GitHub renders no Markdown inside <summary>.
  const summary = `<code>${escapeHtml(stack.id)}</code>: ${added} added, ${changed} changed, ${removed} removed`;
  const fence = "`".repeat(Math.max(3, ...[...stack.details.matchAll(/`+/g)].map(([run]) => run.length + 1)));
  return [`<details><summary>${summary}</summary>`, "", fence, stack.details, fence, "", "</details>"].join(
    "\n",
  );
}

const escapeHtml = (text: string) =>
  text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");

const bytes = (value: number | undefined) =>
  value === undefined ? "—" : value < 1024 ? `${value} B` : `${(value / 1024).toFixed(1)} KiB`;

function delta(before: number | undefined, after: number | undefined): string {
  if (before === undefined) return "new";
  if (after === undefined) return "removed";
  const difference = after - before;
  const sign = difference > 0 ? "+" : "−";
  const percent = before ? ` (${sign}${Math.abs((difference / before) * 100).toFixed(1)}%)` : "";
  return `${sign}${bytes(Math.abs(difference))}${percent}`;
}

/** A Markdown table; cells are Markdown already, only `|` and line breaks are escaped. */
function table(header: readonly string[], rows: readonly (readonly string[])[], align?: readonly string[]) {
  const line = (cells: readonly string[]) =>
    `| ${cells.map((cell) => cell.replaceAll("|", "\\|").replaceAll("\n", "<br>")).join(" | ")} |`;
  return [line(header), line(align ?? header.map(() => "---")), ...rows.map(line)].join("\n");
}

/** Inline code, with a fence longer than any backtick run inside. */
export function code(text: string): string {
  if (text === "") return "";
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map(([run]) => run.length));
  const ticks = "`".repeat(longest + 1);
  return longest ? `${ticks} ${text} ${ticks}` : `${ticks}${text}${ticks}`;
}

/** A table cell that holds several lines (one action per line): one code span per line. */
const multilineCode = (cell: string) =>
  cell
    .split("\n")
    .map((line) => (line.trim() ? code(line.trim()) : ""))
    .join("<br>");
