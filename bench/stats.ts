// Summaries of repeated measurements: the median is the figure, min and max show how noisy the machine was.

export interface Summary {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly runs: number;
}

export function summarize(samples: readonly number[]): Summary {
  if (samples.length === 0) throw new Error("cannot summarize no samples");
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1], runs: sorted.length };
}

/** Nearest-rank percentile (`p` from 0 to 100): always one of the samples, never an interpolation. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) throw new Error("no samples");
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

/**
 * Each run against the baseline run taken next to it (e.g. 1.25 = 25 % slower), summarized: pairing cancels the
 * drift of a machine whose load changes from one minute to the next.
 */
export function pairedRatios(measured: readonly number[], baseline: readonly number[]): Summary {
  if (measured.length !== baseline.length)
    throw new Error("paired ratios need as many baseline runs as runs");
  return summarize(measured.map((value, i) => value / baseline[i]));
}
