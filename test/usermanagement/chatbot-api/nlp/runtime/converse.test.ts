// Whatever the text, the engine answers with a well-formed turn: no exception reaches the handler.
import { describe, expect, it } from "vitest";
import { converse } from "../../../../../usermanagement/chatbot-api/nlp/runtime/converse";
import { INTENT_NAMES } from "../../../../../usermanagement/chatbot-api/nlp/runtime/intents";

const ALPHABET =
  "abcdefghijklmnopqrstuvwxyz ABCXYZ0123456789.,;:!?'\"“”‘’@_-()[]{}<>/\\|#$%^&*+=~`éüßñ漢字😀\n\t\u0000\u200b";

/** A deterministic generator, so a failure reproduces. */
function randomTexts(count: number, seed: number): string[] {
  let state = seed;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
  return Array.from({ length: count }, () =>
    Array.from(
      { length: 1 + Math.floor(next() * 120) },
      () => ALPHABET[Math.floor(next() * ALPHABET.length)],
    ).join(""),
  );
}

describe("the engine on arbitrary text", () => {
  it.each([
    ["random characters", randomTexts(300, 7)],
    [
      "edge cases",
      [
        "'",
        '""',
        "@@@",
        "a@b.c",
        "名前を変更",
        "x".repeat(1024),
        `delete ${"bob ".repeat(250)}`,
        "delete user 'a b c'",
      ],
    ],
  ])("answers %s with a known intent and one message", (_case, texts) => {
    for (const text of texts) {
      const answer = converse({ sessionId: "robustness", text }, { mayChangeUsers: true });

      expect(INTENT_NAMES).toContain(answer.sessionState.intent.name);
      expect(answer.messages).toHaveLength(1);
    }
  });
});
