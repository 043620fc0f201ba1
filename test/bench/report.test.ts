// The bench's pure parts: its statistics, the lost-write check, and the report and chart it writes.
// No timings are asserted: they belong to the machine, not to the code.
import { describe, expect, it } from "vitest";
import { renderChart } from "../../bench/chart";
import { benchConfig } from "../../bench/config";
import { checkPoolUser } from "../../bench/load-verify";
import type { PoolUser, UserRecord } from "../../bench/load-workload";
import { renderMarkdown } from "../../bench/report";
import type { BenchResults } from "../../bench/results";
import { pairedRatios, percentile, summarize } from "../../bench/stats";
import { summaryRows } from "../../bench/summary";

const record = (version: number, displayName = `v${version}`): UserRecord => ({
  username: "pool-1",
  email: "pool-1@load.example",
  displayName,
  createdAt: "2026-01-01T00:00:00.000Z",
  updatedAt: `2026-01-01T00:00:0${version}.000Z`,
  version,
});

function poolUser(acknowledgedVersions: number[], unknownOutcomes = 0): PoolUser {
  return {
    username: "pool-1",
    email: "pool-1@load.example",
    mover: false,
    lastSeenVersion: 1,
    acknowledged: new Map(acknowledgedVersions.map((version) => [version, record(version)])),
    duplicateVersions: 0,
    unknownOutcomes,
  };
}

describe("stats", () => {
  it("pairs each run with the baseline run taken next to it", () => {
    expect(pairedRatios([20, 30, 12], [10, 10, 12])).toEqual({ median: 2, min: 1, max: 3, runs: 3 });
  });

  it("summarizes with the median of an even count as the mean of the middle two", () => {
    expect(summarize([4, 1, 3, 2])).toEqual({ median: 2.5, min: 1, max: 4, runs: 4 });
  });

  it("takes percentiles by nearest rank, always one of the samples", () => {
    const samples = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(samples, 50)).toBe(50);
    expect(percentile(samples, 99)).toBe(99);
    expect(percentile([7], 99)).toBe(7);
  });
});

describe("the load run's lost-write check", () => {
  it("accepts a user whose final version is exactly its acknowledged updates", () => {
    expect(checkPoolUser(poolUser([2, 3, 4]), record(4))).toEqual({
      acknowledged: 3,
      lost: 0,
      mismatched: false,
    });
  });

  it("counts an acknowledged update the final version does not account for as lost", () => {
    expect(checkPoolUser(poolUser([2, 3, 4]), record(3)).lost).toBe(1);
  });

  it("counts two acknowledged updates that report the same version as a lost update", () => {
    const user = { ...poolUser([2, 3]), duplicateVersions: 1 };
    expect(checkPoolUser(user, record(3)).lost).toBe(1);
  });

  it("flags a final record that differs from the answer that produced its version", () => {
    expect(checkPoolUser(poolUser([2]), record(2, "someone else")).mismatched).toBe(true);
  });

  it("flags an update applied though no answer acknowledged it", () => {
    expect(checkPoolUser(poolUser([2]), record(3)).mismatched).toBe(true);
  });

  it("allows updates of unknown outcome to have been applied", () => {
    expect(checkPoolUser(poolUser([2], 1), record(3))).toEqual({
      acknowledged: 1,
      lost: 0,
      mismatched: false,
    });
  });
});

describe("the report", () => {
  const summary = (median: number) => ({ median, min: median, max: median, runs: 1 });
  const throughput = (sandbox: number, direct: number) => ({
    sandboxPerSecond: summary(sandbox),
    handlerPerSecond: summary(sandbox),
    directPerSecond: summary(direct),
    failures: 0,
    cpuMsPerRequest: { sandbox: summary(3), handler: summary(2), direct: summary(1) },
  });
  const results: BenchResults = {
    generatedAt: "2026-01-01T00:00:00.000Z",
    config: benchConfig(true),
    machine: { node: "v20.0.0", cpus: 2, loadAverageAtStart: [1, 1, 1] },
    synth: { ok: false, error: "cdk synth exited with 1" },
    bundles: { ok: false, error: "not measured" },
    coldStarts: { ok: false, error: "not measured" },
    throughput: {
      ok: true,
      value: {
        get: { ...throughput(70, 100), share: summary(0.7) },
        create: { ...throughput(50, 100), share: summary(0.5) },
      },
    },
    load: { ok: false, error: "not measured" },
    nlu: { ok: true, value: { utterances: 3, firstCallMs: 5, p50Ms: summary(0.1), p99Ms: summary(2) } },
  };

  it("marks each target met or missed, and reports a failed measurement instead of dropping it", () => {
    const rows = summaryRows(results);
    expect(rows.find((row) => row.measurement.includes("GET"))?.met).toBe(true);
    expect(rows.find((row) => row.measurement.includes("POST"))?.met).toBe(false);
    expect(rows.find((row) => row.measurement === "cdk synth")?.measured).toBe(
      "failed: cdk synth exited with 1",
    );
  });

  it("writes markdown that links the chart, and an SVG", () => {
    expect(renderMarkdown(results, "table")).toContain("](latest.svg)");
    const svg = renderChart(results);
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg).toContain("Sandbox POST vs direct");
  });

  it("draws a floor beaten by far inside the chart, not left of it", () => {
    const faster = { ...throughput(110, 100), share: summary(1.1) };
    const svg = renderChart({
      ...results,
      throughput: { ok: true, value: { get: faster, create: faster } },
    });
    const valueLabelX = Number(/<text x="([\d.]+)"[^>]*>110 %/.exec(svg)?.[1]);
    const barStartX = Number(/<rect x="([\d.]+)"/.exec(svg)?.[1]);
    expect(valueLabelX).toBeGreaterThan(barStartX);
  });
});
