// The username and prefix rules against a table written out by hand: 3–32 characters (a prefix 1–32) of
// a-z 0-9 . _ -, starting with a letter or digit. The expectations never come from the patterns under test.
import { describe, expect, it } from "vitest";
import {
  USERNAME_MESSAGE,
  USERNAME_PATTERN,
  USERNAME_PREFIX_MESSAGE,
  USERNAME_PREFIX_PATTERN,
} from "../../../../usermanagement/shared/runtime/username";

const REFUSED = "refused";
const ACCEPTED = "accepted";

describe("a username", () => {
  it.each([
    ["", REFUSED],
    ["a", REFUSED],
    ["ab", REFUSED],
    ["abc", ACCEPTED],
    ["a".repeat(31), ACCEPTED],
    ["a".repeat(32), ACCEPTED],
    ["a".repeat(33), REFUSED],
    ["9lives", ACCEPTED],
    ["b.o_b-9", ACCEPTED],
    ["bob.", ACCEPTED],
    ["bob_", ACCEPTED],
    ["bob-", ACCEPTED],
    [".bob", REFUSED],
    ["_bob", REFUSED],
    ["-bob", REFUSED],
    ["Bob", REFUSED],
    ["boB", REFUSED],
    ["bob smith", REFUSED],
    ["bob@example.com", REFUSED],
    ["bob/alice", REFUSED],
    ["böb", REFUSED],
    ["bob\n", REFUSED],
    ["\nbob", REFUSED],
    ["bob!", REFUSED],
  ])("%j is %s", (username, verdict) => {
    expect(USERNAME_PATTERN.test(username)).toBe(verdict === ACCEPTED);
  });

  it("is described by its message with the same bounds", () => {
    expect(USERNAME_MESSAGE).toBe(
      "must be 3–32 characters of a-z, 0-9, '.', '_' or '-', starting with a letter or digit",
    );
  });
});

describe("a username prefix", () => {
  it.each([
    ["", REFUSED],
    ["a", ACCEPTED],
    ["9", ACCEPTED],
    ["al", ACCEPTED],
    ["dave_", ACCEPTED],
    ["a".repeat(32), ACCEPTED],
    ["a".repeat(33), REFUSED],
    [".", REFUSED],
    ["-al", REFUSED],
    ["_al", REFUSED],
    ["Al", REFUSED],
    ["a l", REFUSED],
    ["al/", REFUSED],
    ["al\n", REFUSED],
  ])("%j is %s", (prefix, verdict) => {
    expect(USERNAME_PREFIX_PATTERN.test(prefix)).toBe(verdict === ACCEPTED);
  });

  it("is described by its message with the same bounds", () => {
    expect(USERNAME_PREFIX_MESSAGE).toBe(
      "must be 1–32 characters of a-z, 0-9, '.', '_' or '-', starting with a letter or digit",
    );
  });
});
