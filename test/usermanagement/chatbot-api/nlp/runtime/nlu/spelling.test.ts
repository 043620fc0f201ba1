// Typo correction fixes slips of the keyboard, never one real word into another.
import { describe, expect, it } from "vitest";
import { correctTypo } from "../../../../../../usermanagement/chatbot-api/nlp/runtime/nlu/spelling";
import { understand } from "../../../../../../usermanagement/chatbot-api/nlp/runtime/nlu/understand";

const keywords = ["delete", "show", "users", "list", "look", "create"];

describe("correctTypo", () => {
  it.each([
    ["a dropped letter", "delte", "delete"],
    ["two swapped letters", "shwo", "show"],
    ["a swap inside a plural", "usres", "users"],
    ["a dropped last letter", "creat", "create"],
  ])("corrects %s", (_case, typed, intended) => {
    expect(correctTypo(typed, keywords)).toBe(intended);
  });

  it.each([
    ["a substituted letter, which mostly makes another real word", "book"],
    ["an extra letter", "lists"],
    ["a word two slips away", "dleet"],
  ])("leaves %s alone", (_case, typed) => {
    expect(correctTypo(typed, keywords)).toBeUndefined();
  });

  it("refuses to guess between two equally close keywords", () => {
    expect(correctTypo("lst", ["last", "list"])).toBeUndefined();
  });
});

describe("understanding misspelt requests", () => {
  it.each([
    ["delte user heidi", "DeleteUser"],
    ["shwo user heidi", "GetUser"],
    ["lst all usres", "ListUsers"],
  ])("reads %j as %s", (text, intent) => {
    expect(understand(text).ranking[0].intent).toBe(intent);
  });
});

describe("a correction", () => {
  it.each([
    ["a verb a swap away from a corpus word, among off-topic words", "can you sing a song"],
    ["a dropped letter that is a word of its own, among off-topic words", "can you crate a birthday card"],
  ])("is not made for %s: %j stays off topic", (_case, text) => {
    expect(understand(text).ranking[0].intent).toBe("FallbackIntent");
  });

  it('is never made to a function word ("now" is no slip of "know")', () => {
    const { pieces } = understand("not now").entities;

    expect(pieces).toEqual([
      { kind: "word", word: "not" },
      { kind: "word", word: "now" },
    ]);
  });
});
