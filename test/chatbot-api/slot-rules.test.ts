// Slot values the chatbot accepts are values the Users API accepts.
import { describe, expect, it } from "vitest";
import { USERNAME_PATTERN } from "../../usermanagement/chatbot-api/nlp/runtime/intents";
import { isValidSlotValue } from "../../usermanagement/chatbot-api/nlp/runtime/slot-rules";
import { USERNAME_PATTERN as USERS_API_USERNAME_PATTERN } from "../../usermanagement/users-api/api/runtime/user";

describe("slot rules", () => {
  it("use the Users API's username rule", () => {
    expect(USERNAME_PATTERN.source).toBe(USERS_API_USERNAME_PATTERN.source);
    expect(USERNAME_PATTERN.flags).toBe(USERS_API_USERNAME_PATTERN.flags);
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
  ] as const)("judge the %s %j valid: %s", (slot, value, valid) => {
    expect(isValidSlotValue(slot, value)).toBe(valid);
  });
});
