// The bench's statistics: what every figure of its report is made of. No timings are asserted: they belong to
// the machine, not to the code.
import { describe, expect, it } from "vitest";
import { pairedRatios, percentile, runChild, summarize } from "../../bench/measure";

describe("summarize", () => {
  it("takes the median of an even count as the mean of the middle two, and keeps the spread", () => {
    expect(summarize([4, 1, 3, 2])).toEqual({ median: 2.5, min: 1, max: 4, runs: 4 });
  });

  it("refuses to summarize nothing", () => {
    expect(() => summarize([])).toThrow("cannot summarize no samples");
  });
});

describe("pairedRatios", () => {
  it("compares each run with the baseline run taken next to it, not medians with medians", () => {
    expect(pairedRatios([20, 30, 12], [10, 10, 12])).toEqual({ median: 2, min: 1, max: 3, runs: 3 });
  });

  it("refuses runs without a baseline run each", () => {
    expect(() => pairedRatios([1, 2], [1])).toThrow("one baseline run per run");
  });
});

describe("percentile", () => {
  it("takes the nearest rank, always one of the samples", () => {
    const samples = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentile(samples, 50)).toBe(50);
    expect(percentile(samples, 99)).toBe(99);
    expect(percentile([7], 99)).toBe(7);
  });
});

describe("runChild", () => {
  it("answers with the child's last line, its wall time and the CPU it used", async () => {
    const outcome = await runChild(
      process.execPath,
      [
        "-e",
        "let x = 0; for (let i = 0; i < 3e7; i++) x += i; console.log('first'); console.log(JSON.stringify({ x: 1 }))",
      ],
      30_000,
    );

    expect(JSON.parse(outcome.lastLine)).toEqual({ x: 1 });
    expect(outcome.wallMs).toBeGreaterThan(0);
    expect(outcome.cpuMs).toBeGreaterThan(0);
  });

  it("fails with the child's exit code and its error output", async () => {
    await expect(
      runChild(process.execPath, ["-e", "console.error('broken'); process.exit(3)"], 30_000),
    ).rejects.toThrow(/exited with 3:\nbroken/);
  });
});
