// latest.svg, hand-written SVG: the load run's latency percentiles, the NLU's, and every figure that has a
// target drawn as a share of that target (1 = exactly on target; past the line = missed).
import { LAMBDAS } from "./bundles";
import { COLD_START_TARGET_RATIO } from "./cold-start";
import { kb, ms, percent, times } from "./format";
import type { BenchResults } from "./results";
import { THROUGHPUT_TARGET_SHARE } from "./sandbox-throughput";
import { SYNTH_TARGET_RATIO } from "./synth";

interface Bar {
  readonly label: string;
  readonly value: number;
  readonly text: string;
}

/** A figure against its target: `load` is how much of the allowance it uses (≤ 1 meets the target). */
interface TargetBar extends Bar {
  readonly load: number;
}

const WIDTH = 760;
const LABEL_WIDTH = 270;
const BAR_HEIGHT = 18;
const ROW = 26;
const GOOD = "#2e7d32";
const MISSED = "#c62828";
const NEUTRAL = "#1565c0";

export function renderChart(results: BenchResults): string {
  const panels: string[] = [];
  let y = 40;
  const add = (title: string, body: (top: number) => { svg: string; height: number }) => {
    panels.push(text(16, y, title, "bold 15px"));
    const { svg, height } = body(y + 12);
    panels.push(svg);
    y += height + 48;
  };
  const targets = targetBars(results);
  if (targets.length)
    add("Measured ÷ target (the line is the target; longer bars missed it)", (top) =>
      targetPanel(targets, top),
    );
  if (results.load.ok) {
    const { latencyMs, seconds, connections } = results.load.value;
    const bars = (["p50", "p90", "p99", "max"] as const).map((p) => ({
      label: p,
      value: latencyMs[p],
      text: ms(latencyMs[p]),
    }));
    add(`Load run latency (${connections} connections, ${seconds} s)`, (top) => barPanel(bars, top));
  }
  if (results.nlu.ok) {
    const { p50Ms, p99Ms } = results.nlu.value;
    const bars = [
      { label: "p50", value: p50Ms.median, text: ms(p50Ms.median) },
      { label: "p99", value: p99Ms.median, text: ms(p99Ms.median) },
    ];
    add("NLU latency per utterance", (top) => barPanel(bars, top));
  }
  const height = y - 20;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="system-ui, sans-serif">`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    text(
      16,
      22,
      `npm run bench — ${results.generatedAt}${results.config.quick ? " (quick)" : ""}`,
      "12px",
      "#555",
    ),
    ...panels,
    "</svg>",
    "",
  ].join("\n");
}

function targetBars(results: BenchResults): TargetBar[] {
  const bars: TargetBar[] = [];
  if (results.synth.ok) {
    const ratio = results.synth.value.ratio.median;
    bars.push({
      label: "cdk synth vs bare app",
      value: ratio,
      load: ratio / SYNTH_TARGET_RATIO,
      text: `${times(ratio)} (≤ ${times(SYNTH_TARGET_RATIO)})`,
    });
  }
  if (results.bundles.ok) {
    for (const name of ["usersApi", "chatbotApi"] as const) {
      const { bytes } = results.bundles.value.lambdas[name];
      const { budgetBytes, label } = LAMBDAS[name];
      bars.push({
        label: `${label} bundle`,
        value: bytes,
        load: bytes / budgetBytes,
        text: `${kb(bytes)} (≤ ${kb(budgetBytes)})`,
      });
    }
  }
  if (results.coldStarts.ok) {
    for (const name of ["usersApi", "chatbotApi"] as const) {
      const ratio = results.coldStarts.value[name].ratio.median;
      bars.push({
        label: `${LAMBDAS[name].label} cold init vs empty`,
        value: ratio,
        load: ratio / COLD_START_TARGET_RATIO,
        text: `${times(ratio)} (≤ ${times(COLD_START_TARGET_RATIO)})`,
      });
    }
  }
  if (results.throughput.ok) {
    for (const [operation, label] of [
      ["get", "Sandbox GET"],
      ["create", "Sandbox POST"],
    ] as const) {
      const share = results.throughput.value[operation].share.median;
      // A floor, not a ceiling: the allowance used is how far below the direct rate the sandbox falls.
      bars.push({
        label: `${label} vs direct`,
        value: share,
        load: (1 - share) / (1 - THROUGHPUT_TARGET_SHARE),
        text: `${percent(share)} (≥ ${percent(THROUGHPUT_TARGET_SHARE)})`,
      });
    }
  }
  return bars;
}

function targetPanel(bars: readonly TargetBar[], top: number): { svg: string; height: number } {
  const scaleMax = Math.max(2, ...bars.map((bar) => Math.min(bar.load, 4)));
  const plotWidth = WIDTH - LABEL_WIDTH - 200;
  // A floor beaten by far (e.g. the sandbox faster than direct) uses none of its allowance: no bar.
  const x = (load: number) => LABEL_WIDTH + (Math.min(Math.max(load, 0), scaleMax) / scaleMax) * plotWidth;
  const rows = bars.map((bar, i) => {
    const rowY = top + i * ROW;
    const color = bar.load <= 1 ? GOOD : MISSED;
    return [
      text(16, rowY + 13, bar.label, "13px"),
      `<rect x="${LABEL_WIDTH}" y="${rowY}" width="${Math.max(1, x(bar.load) - LABEL_WIDTH).toFixed(1)}" height="${BAR_HEIGHT}" fill="${color}"/>`,
      text(x(bar.load) + 6, rowY + 13, bar.text, "12px", color),
    ].join("\n");
  });
  const height = bars.length * ROW;
  const line = `<line x1="${x(1)}" x2="${x(1)}" y1="${top - 6}" y2="${top + height}" stroke="#000" stroke-dasharray="4 3"/>`;
  const footnote = `Ceilings: measured ÷ target. Floors (sandbox throughput): shortfall from the direct rate ÷ the ${percent(1 - THROUGHPUT_TARGET_SHARE)} allowed.`;
  return {
    svg: [
      line,
      ...rows,
      text(x(1) - 14, top + height + 14, "target", "11px", "#000"),
      text(16, top + height + 32, footnote, "11px", "#555"),
    ].join("\n"),
    height: height + 32,
  };
}

function barPanel(bars: readonly Bar[], top: number): { svg: string; height: number } {
  const max = Math.max(...bars.map((bar) => bar.value), Number.MIN_VALUE);
  const plotWidth = WIDTH - LABEL_WIDTH - 120;
  const rows = bars.map((bar, i) => {
    const rowY = top + i * ROW;
    const width = (bar.value / max) * plotWidth;
    return [
      text(16, rowY + 13, bar.label, "13px"),
      `<rect x="${LABEL_WIDTH}" y="${rowY}" width="${Math.max(1, width).toFixed(1)}" height="${BAR_HEIGHT}" fill="${NEUTRAL}"/>`,
      text(LABEL_WIDTH + width + 6, rowY + 13, bar.text, "12px", NEUTRAL),
    ].join("\n");
  });
  return { svg: rows.join("\n"), height: bars.length * ROW };
}

function text(x: number, y: number, content: string, font: string, fill = "#222"): string {
  const [weight, size] = font.includes(" ") ? font.split(" ") : ["normal", font];
  const escaped = content.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  return `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" font-size="${size}" font-weight="${weight}" fill="${fill}">${escaped}</text>`;
}
