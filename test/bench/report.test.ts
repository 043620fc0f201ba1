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
  synth: { ok: false, error: "cdk synth exited with 1\nstack trace" },
  bundles: { ok: false, error: "not measured" },
  coldStarts: {
    ok: true,
    value: { usersApi: coldStart(1.3), usersApiRuntimeSdk: coldStart(1.6), chatbotApi: coldStart() },
  },
  sandbox: {
    ok: true,
    value: {
      getPerSecond: summary(700),
      directGetPerSecond: summary(1000),
      getShare: summary(0.7),
      listPerSecond: summary(400),
      searchPerSecond: summary(380),
      load: {
        seconds: 5,
        connections: 50,
        requests: 900,
        perSecond: 180,
        statusCounts: { 200: 800, 409: 99, 502: 1 },
        p50Ms: 20,
        p99Ms: 90,
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

  it("counts every 5xx of the load run as a miss", () => {
    const load = row("Load 5 s at 50 connections: 5xx");
    expect(load?.[3]).toBe("1");
    expect(load?.[5]).toBe(false);
  });

  it("puts the search's rate beside the plain list's", () => {
    expect(row("Sandbox search vs plain list")?.slice(1, 4)).toEqual(["380/s", "400/s", "95 %"]);
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
