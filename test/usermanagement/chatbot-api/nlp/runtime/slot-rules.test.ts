// Slot values the chatbot accepts are values the Users API accepts.
import { describe, expect, it } from "vitest";
import {
  isValidSlotValue,
  SLOT_RULES,
} from "../../../../../usermanagement/chatbot-api/nlp/runtime/slot-rules";
import { usernameSchema } from "../../../../../usermanagement/users-api/api/runtime/user";

describe("slot rules", () => {
  it.each([
    "bob",
    "b.o_b-9",
    "9lives",
    "ab",
    "a".repeat(32),
    "a".repeat(33),
    "_bob",
    "bob!",
    "bob smith",
    "böb",
  ])("accept %s as a username exactly when the Users API does", (username) => {
    expect(isValidSlotValue("username", username)).toBe(usernameSchema.safeParse(username).success);
  });

  it.each([
    ["username", "bob", true],
    ["username", "dave_99", true],
    ["username", "ab", false],
    ["username", "-bob", false],
    ["username", "bob smith", false],
    ["email", "bob@example.com", true],
    ["email", "bob@example", false],
    ["email", "bob smith@example.com", false],
    ["displayName", "Bob Smith", true],
    ["displayName", " ", false],
    ["displayName", "x".repeat(101), false],
    ["displayName", "Bob\u0007", false],
    ["displayName", "Bob \u202Enimda", false],
    ["searchTerm", "Zoë", true],
    ["searchTerm", "李", true],
    ["searchTerm", "maria.g", true],
    ["searchTerm", "Ann Johnson", true],
    ["searchTerm", " ", false],
    ["searchTerm", "a".repeat(255), false],
    ["searchTerm", "al\u0000", false],
  ] as const)("judge the %s %j valid: %s", (slot, value, valid) => {
    expect(isValidSlotValue(slot, value)).toBe(valid);
  });

  it.each([
    ["username", "of 32 characters", "a".repeat(32), true],
    ["username", "of 33 characters", "a".repeat(33), false],
    ["email", "of 254 characters", `${"a".repeat(64)}@${"b".repeat(185)}.com`, true],
    ["email", "of 255 characters", `${"a".repeat(64)}@${"b".repeat(186)}.com`, false],
    ["displayName", "of 100 characters", "x".repeat(100), true],
    ["searchTerm", "of 254 characters", "a".repeat(254), true],
  ] as const)("judge a %s %s valid: %s", (slot, _length, value, valid) => {
    expect(isValidSlotValue(slot, value)).toBe(valid);
  });

  it("say what a value must look like, in the words the chat answers with", () => {
    expect(
      Object.fromEntries(Object.entries(SLOT_RULES).map(([slot, rule]) => [slot, rule.message])),
    ).toEqual({
      username: "must be 3–32 characters of a-z, 0-9, '.', '_' or '-', starting with a letter or digit",
      email: "must be an email address",
      displayName: "must be 1–100 characters without control or invisible format characters",
      searchTerm: "must be 1–254 characters without control characters",
    });
  });
});
