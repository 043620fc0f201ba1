// Slot values the chatbot accepts are values the Users API accepts.
import { describe, expect, it } from "vitest";
import { isValidSlotValue } from "../../../../../usermanagement/chatbot-api/nlp/runtime/slot-rules";
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
});
