// The NLU engine meets its targets (evaluate.ts's TARGETS) on the repository's own evaluation set.
import { describe, expect, it } from "vitest";
import { evaluateNlu, TARGETS } from "../../../../../usermanagement/chatbot-api/nlp/evaluation/evaluate";

describe("the NLU engine on the evaluation set", () => {
  const report = evaluateNlu();

  it(`recognises at least ${TARGETS.intentAccuracy * 100} % of intents`, () => {
    expect(report.intentAccuracy).toBeGreaterThanOrEqual(TARGETS.intentAccuracy);
  });

  it(`fills the slots exactly in at least ${TARGETS.slotExactMatch * 100} % of cases`, () => {
    expect(report.slotExactMatch).toBeGreaterThanOrEqual(TARGETS.slotExactMatch);
  });

  it(`rejects at least ${TARGETS.offTopicRejection * 100} % of off-topic text`, () => {
    expect(report.offTopicRejection).toBeGreaterThanOrEqual(TARGETS.offTopicRejection);
  });

  it("counts a wrong intent as a miss, so the figures can fail", () => {
    const mislabelled = evaluateNlu([
      { text: "delete user alice", intent: "GetUser", slots: { username: "alice" } },
    ]);

    expect(mislabelled).toMatchObject({ intentAccuracy: 0, slotExactMatch: 0, offTopicRejection: 1 });
    expect(mislabelled.misses).toHaveLength(1);
  });
});
