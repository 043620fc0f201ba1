// Writes latest.md, latest.json and latest.svg, and returns the headline table for the console.
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { renderChart } from "./chart";
import { bundleDetails, coldStartDetails, loadDetails, synthDetails, throughputDetails } from "./details";
import { markdownTable, ms } from "./format";
import type { BenchResults } from "./results";
import { SUMMARY_HEADER, summaryCells, summaryRows } from "./summary";

export const REPORT_NAME = "latest";

export async function writeReport(results: BenchResults, outDir: string): Promise<string> {
  const table = markdownTable(SUMMARY_HEADER, summaryRows(results).map(summaryCells));
  await mkdir(outDir, { recursive: true });
  await writeFile(join(outDir, `${REPORT_NAME}.md`), renderMarkdown(results, table));
  await writeFile(join(outDir, `${REPORT_NAME}.json`), `${JSON.stringify(results, null, 2)}\n`);
  await writeFile(join(outDir, `${REPORT_NAME}.svg`), renderChart(results));
  return `${table}\n\nReport: ${join(outDir, `${REPORT_NAME}.md`)}`;
}

export function renderMarkdown(results: BenchResults, table: string): string {
  const { config, machine } = results;
  const sections = [
    "# Benchmark results",
    `Written by \`npm run bench${config.quick ? " -- --quick" : ""}\` at ${results.generatedAt} on Node ${machine.node}, ${machine.cpus} CPUs (load average at start ${machine.loadAverageAtStart.map((load) => load.toFixed(1)).join(" / ")}). ` +
      "Each figure is the median (min–max) of several runs, taken side by side with its baseline in the same invocation. Ratios are taken run by run, each run against the baseline run next to it, then summarized the same way. Absolute times belong to this machine (and to whatever else it was running); the ratios are the point.",
    table,
    `![Latency percentiles and ratios against their targets](${REPORT_NAME}.svg)`,
  ];
  if (results.bundles.ok) sections.push(bundleDetails(results.bundles.value));
  if (results.coldStarts.ok) sections.push(coldStartDetails(results.coldStarts.value));
  if (results.synth.ok) sections.push(synthDetails(results.synth.value));
  if (results.throughput.ok)
    sections.push(throughputDetails(results.throughput.value, config.throughputConnections));
  if (results.load.ok) sections.push(loadDetails(results.load.value));
  if (results.nlu.ok) {
    const nlu = results.nlu.value;
    sections.push(
      "## NLU",
      `Each of the ${nlu.utterances} evaluation utterances timed through \`evaluateNlu\` (the handler's \`converse\`, with the dialog state the case describes), ${nlu.p50Ms.runs} passes after a warm-up pass; each pass gives a p50 and a p99. The first call, which loads the model, took ${ms(nlu.firstCallMs)}.`,
    );
  }
  return `${sections.join("\n\n")}\n`;
}
