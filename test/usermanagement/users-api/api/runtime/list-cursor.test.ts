// The list's cursor is opaque to clients but not to forgers: only a cursor this API issued for the very same query
// is taken back, so no cursor can start a page outside the prefix it comes with.
import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor } from "../../../../../usermanagement/users-api/api/runtime/list-cursor";

const base64url = (text: string) => Buffer.from(text, "utf8").toString("base64url");

/** The problem a refused cursor gets, or "accepted". */
const verdict = (cursor: string, prefix?: string) => {
  try {
    decodeCursor(cursor, prefix);
    return "accepted";
  } catch (error) {
    return (error as { problem: unknown }).problem;
  }
};

const REFUSED = {
  type: "tag:usermanagement,2026:invalid-cursor",
  title: "Invalid cursor",
  status: 400,
  detail: "Pass back the nextCursor of a previous page.",
  errors: [{ field: "cursor", message: "is not a cursor this API issued for this query" }],
};

describe("a list cursor", () => {
  it.each([
    ["the plain list", "bob", undefined],
    ["a prefix search", "alice", "al"],
    ["a prefix search whose prefix is the whole username", "al.b", "al.b"],
    ["a username with every character the rule allows", "a9._-z", "a"],
  ])("brings back the last username of a page of %s", (_query, username, prefix) => {
    expect(decodeCursor(encodeCursor(username, prefix), prefix)).toBe(username);
  });

  it("is plain base64url of the last username, and of prefix/username for a prefix search", () => {
    expect(encodeCursor("bob")).toBe(base64url("bob"));
    expect(encodeCursor("alice", "al")).toBe(base64url("al/alice"));
  });

  // Cursors are made inside each test (thunks), never while the table is read, so that each test alone meets the
  // code it checks.
  it.each([
    ["a plain list's cursor with a prefix search", () => encodeCursor("bob"), "bo"],
    ["a prefix search's cursor with the plain list", () => encodeCursor("alice", "al"), undefined],
    ["another prefix's cursor", () => encodeCursor("alice", "al"), "ali"],
    ["a forged cursor whose username lies outside its own prefix", () => base64url("al/bob"), "al"],
    ["a forged cursor whose username only contains the prefix", () => base64url("al/xal"), "al"],
    ["a forged cursor naming no valid username", () => base64url("al/Al!"), "al"],
    [
      "a cursor naming the username in capitals, which no stored username has",
      () => base64url("al/alICE"),
      "al",
    ],
    ["a forged cursor with an empty prefix", () => base64url("/bob"), undefined],
    ["a forged cursor with a username too short to exist", () => base64url("al"), undefined],
    ["a cursor padded with =", () => `${encodeCursor("bob")}=`, undefined],
    ["text that is no base64 at all", () => "not a cursor!", undefined],
    ["an empty cursor", () => "", undefined],
  ])("refuses %s with 400 invalid-cursor", (_case, cursor, prefix) => {
    expect(verdict(cursor(), prefix)).toEqual(REFUSED);
  });
});
