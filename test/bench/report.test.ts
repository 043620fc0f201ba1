// The bench's report: each figure against its target, and a failed measurement reported instead of dropped.
import { describe, expect, it } from "vitest";
import type { Summary } from "../../bench/measure";
import { type BenchResults, renderReport, summaryRows } from "../../bench/report";
import type { EvaluationReport } from "../../usermanagement/chatbot-api/nlp/evaluation/evaluate";

const summary = (median: number): Summary => ({ median, min: median, max: median, runs: 1 });
const coldStart = (getItemRatio?: number) => ({
  totalMs: summary(130),
  emptyMs: summary(60),
  vsEmpty: summary(130 / 60),
  getItem: getItemRatio === undefined ? undefined : { totalMs: summary(100), ratio: summary(getItemRatio) },
  status: 404,
});
function evaluation(
  figures: Pick<EvaluationReport, "intentAccuracy" | "slotExactMatch" | "offTopicRejection">,
) {
  return { ...figures, cases: 400, clarified: 0, perIntent: {}, misses: [] };
}
const results: BenchResults = {
  generatedAt: "2026-01-01T00:00:00.000Z",
  quick: true,
  machine: { node: "v20.0.0", cpus: 2, loadAverage: [1, 1, 1] },
  startup: { ok: true, value: { cachedMs: summary(5000), uncachedMs: 9000 } },
  synth: { ok: false, error: "cdk synth exited with 1\nstack trace" },
  bundles: { ok: false, error: "not measured" },
  coldStarts: {
    ok: true,
    value: { usersApi: coldStart(1.3), usersApiRuntimeSdk: coldStart(1.6), chatbotApi: coldStart() },
  },
  sandbox: {
    ok: true,
    value: {
      rate: 40,
      getP50Ms: summary(12),
      getP99Ms: summary(30),
      directGetP50Ms: summary(3),
      getLatencyRatio: summary(4),
      listP50Ms: summary(20),
      searchP50Ms: summary(19),
      load: {
        seconds: 5,
        connections: 50,
        rate: 40,
        requests: 200,
        perSecond: 40,
        statusCounts: { 200: 180, 409: 19, 502: 1 },
        p50Ms: 20,
        p99Ms: 90,
        errors: 0,
      },
      overLimit: {
        seconds: 3,
        connections: 50,
        requests: 900,
        perSecond: 100,
        statusCounts: { 200: 300, 429: 590, 500: 10 },
        p50Ms: 5,
        p99Ms: 40,
        errors: 0,
      },
    },
  },
  nlu: {
    ok: true,
    value: {
      accuracy: {
        evaluationSet: evaluation({ intentAccuracy: 0.99, slotExactMatch: 0.98, offTopicRejection: 1 }),
        heldOut: evaluation({ intentAccuracy: 0.955, slotExactMatch: 0.97, offTopicRejection: 0.96 }),
      },
      utterances: 3,
      firstCallMs: 5,
      p50Ms: summary(0.1),
      p99Ms: summary(2),
    },
  },
  mutation: {
    ok: true,
    value: {
      generatedAt: "2026-01-02T03:04:05.000Z",
      modules: [
        { module: "a/rules.ts", killed: 85, timedOut: 5, survived: 10, noCoverage: 0 },
        { module: "b/rules.ts", killed: 89, timedOut: 0, survived: 1, noCoverage: 10 },
      ],
    },
  },
};
const row = (start: string) => summaryRows(results).find(([measurement]) => measurement.startsWith(start));

describe("the bench report", () => {
  it("holds the Users API's cold start to its GetItem floor and keeps the empty handler's ratio beside it", () => {
    expect(row("Users API cold init + first reply (404) vs one GetItem")?.[5]).toBe(true);
    expect(row("Users API cold init + first reply (404) vs empty handler")?.[3]).toBe("2.17×");
    expect(row("Chatbot API cold init + first reply (404) vs one GetItem")).toBeUndefined();
    expect(
      row("Users API with the runtime's SDK cold init + first reply (404) vs one GetItem")?.slice(3),
    ).toEqual(["1.60×", "", undefined]);
    expect(row("Chatbot API cold init + first reply (404) vs empty handler")?.slice(4)).toEqual([
      "≤ 1.70×",
      false,
    ]);
  });

  it("holds both NLU figures to their targets, the held-out families' at 97 % intent and slots", () => {
    expect(row("NLU evaluation set: intent accuracy")?.slice(3)).toEqual(["99.0 %", "≥ 95.0 %", true]);
    expect(row("NLU held-out families: intent accuracy")?.slice(3)).toEqual(["95.5 %", "≥ 97.0 %", false]);
    expect(row("NLU held-out families: slot exact-match")?.[5]).toBe(true);
    expect(row("NLU per utterance")?.slice(4)).toEqual(["p50 ≤ 0.20 ms", true]);
  });

  it("counts every 5xx and 429 of the load run inside the limits as a miss", () => {
    const load = row("Load 5 s at 40/s, 50 connections");
    expect(load?.[3]).toBe("1 5xx, 0 429");
    expect(load?.[5]).toBe(false);
  });

  it("counts the stage's 429s apart from the 5xx past the limits, with no target", () => {
    expect(row("Past the limits")?.slice(3)).toEqual(["590 429, 10 5xx", ""]);
  });

  it("puts the search's latency beside the plain list's, at the same rate", () => {
    expect(row("Sandbox search vs plain list at 40/s")?.slice(1, 4)).toEqual(["19 ms", "20 ms", "0.95×"]);
  });

  it("holds npm start's time to ready to 1.3 times the start before the sandbox ran the assembly", () => {
    const startup = row("npm start, time to ready (assembly cached)");
    expect(startup?.slice(2, 6)).toEqual(["4390 ms (4290 ms–4600 ms, 3 runs)", "1.14×", "≤ 1.30×", true]);
    expect(row("npm start, time to ready after a change")?.[1]).toBe("9000 ms");
  });

  it("counts a mutant that made a test hang as caught, and one no test reaches as missed", () => {
    expect(row("Mutation score, a/rules.ts")?.slice(1)).toEqual([
      "90 of 100 mutants caught",
      "",
      "90.0 %",
      "≥ 90.0 %",
      true,
    ]);
    expect(row("Mutation score, b/rules.ts")?.slice(3)).toEqual(["89.0 %", "≥ 90.0 %", false]);
    expect(row("Mutation score, all rule modules (npm run mutation, 2026-01-02)")?.slice(1, 4)).toEqual([
      "179 of 200 mutants caught",
      "",
      "89.5 %",
    ]);
  });

  it("reports a failed measurement with its first line instead of dropping it", () => {
    expect(row("cdk synth")?.[1]).toBe("failed: cdk synth exited with 1");
    expect(renderReport(results)).toContain("| cdk synth | failed: cdk synth exited with 1 |");
  });
});
