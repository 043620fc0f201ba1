// How figures read in the report: one place, so the table, the details and the chart agree.
import type { Summary } from "./stats";

export const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`;
export const ms = (value: number) => (value < 10 ? `${value.toFixed(2)} ms` : `${Math.round(value)} ms`);
export const perSecond = (value: number) => `${value.toFixed(0)}/s`;
export const times = (ratio: number) => `${ratio.toFixed(2)}×`;
export const percent = (share: number) => `${(share * 100).toFixed(0)} %`;

/** `median (min–max, n runs)` in the given unit. */
export function spread(summary: Summary, unit: (value: number) => string): string {
  if (summary.runs === 1) return `${unit(summary.median)} (1 run)`;
  return `${unit(summary.median)} (${unit(summary.min)}–${unit(summary.max)}, ${summary.runs} runs)`;
}

export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}
