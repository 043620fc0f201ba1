// How sure the bot must be before it acts: judged on rankings as the classifier gives them, so the rule is
// tested apart from any one model.
import { describe, expect, it } from "vitest";
import {
  CHANGE_CONFIDENCE,
  MIN_CONFIDENCE,
  readRequest,
} from "../../../../../../usermanagement/chatbot-api/nlp/runtime/dialog/reading";
import type { IntentName } from "../../../../../../usermanagement/chatbot-api/nlp/runtime/intents";
import type { Understanding } from "../../../../../../usermanagement/chatbot-api/nlp/runtime/nlu/engine";

/** An understanding of "… bob …" ranked as given, every word known. */
function ranked(...ranking: [IntentName, number][]): Understanding {
  return {
    entities: {
      username: { originalValue: "bob", interpretedValue: "bob" },
      otherUsernames: [],
      pieces: [],
    },
    ranking: ranking.map(([intent, score]) => ({ intent, score })),
    knownWords: ["word"],
    unknownWords: [],
    unplacedWords: [],
    concepts: [],
    operation: [],
    asksAboutPast: false,
  };
}

describe("a change", () => {
  it.each([
    ["DeleteUser", CHANGE_CONFIDENCE - 0.01],
    ["CreateUser", 0.6],
    ["UpdateUser", MIN_CONFIDENCE],
  ] as const)("is never made on a low-confidence reading: %s at %d asks which was meant", (intent, score) => {
    const reading = readRequest(ranked([intent, score], ["GetUser", 1 - score]));

    expect(reading).toEqual({ kind: "clarify", candidates: [intent, "GetUser"] });
  });

  it("asks for other words when nothing else comes close", () => {
    expect(readRequest(ranked(["DeleteUser", 0.6], ["FallbackIntent", 0.35], ["GetUser", 0.05]))).toEqual({
      kind: "rephrase",
    });
  });

  it("is made on a confident reading", () => {
    expect(readRequest(ranked(["DeleteUser", 0.9], ["GetUser", 0.1]))).toMatchObject({
      kind: "act",
      intent: "DeleteUser",
    });
  });

  it("is never offered as a reading when its words can't all be used", () => {
    const understanding = { ...ranked(["GetUser", 0.55], ["DeleteUser", 0.45]), unplacedWords: ["lock"] };

    expect(readRequest(understanding)).toEqual({ kind: "unsupported", words: ["lock"] });
  });
});

describe("a read", () => {
  it("is done on a reading a change would not be made on", () => {
    expect(readRequest(ranked(["GetUser", 0.65], ["ListUsers", 0.1]))).toMatchObject({
      kind: "act",
      intent: "GetUser",
    });
  });

  it("asks which was meant when another request about users comes close", () => {
    expect(readRequest(ranked(["GetUser", 0.5], ["FindUsers", 0.4]))).toEqual({
      kind: "clarify",
      candidates: ["GetUser", "FindUsers"],
    });
  });
});

describe("a question about a change made", () => {
  it("is never read as a request to make one", () => {
    const understanding = { ...ranked(["CreateUser", 0.8], ["ListUsers", 0.15]), asksAboutPast: true };

    expect(readRequest(understanding)).not.toMatchObject({ intent: "CreateUser" });
    expect(readRequest(understanding).kind).not.toBe("act");
  });
});
