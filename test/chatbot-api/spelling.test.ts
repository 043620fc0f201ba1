// Typo correction fixes slips of the keyboard, never one real word into another.
import { describe, expect, it } from "vitest";
import { correctTypo } from "../../usermanagement/chatbot-api/nlp/runtime/nlu/spelling";
import { understand } from "../../usermanagement/chatbot-api/nlp/runtime/nlu/understand";

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
