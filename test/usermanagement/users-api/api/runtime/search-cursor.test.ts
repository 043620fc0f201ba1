// A search's cursor is taken back only for the search it was issued for, and only when it names a place inside
// that search's range of the index: a forged or borrowed cursor can't make the query read anything else.
import { describe, expect, it } from "vitest";
import {
  decodeSearchCursor,
  encodeSearchCursor,
} from "../../../../../usermanagement/users-api/api/runtime/search-cursor";

const forged = (fields: unknown) => Buffer.from(JSON.stringify(fields), "utf8").toString("base64url");

const refusal = (cursor: string, search: string) => {
  try {
    decodeSearchCursor(cursor, search);
    return "accepted";
  } catch (error) {
    return (error as { problem: unknown }).problem;
  }
};

const INVALID_CURSOR = {
  type: "tag:usermanagement,2026:invalid-cursor",
  title: "Invalid cursor",
  status: 400,
  detail: "Pass back the nextCursor of a previous page.",
  errors: [{ field: "cursor", message: "is not a cursor this API issued for this query" }],
};

// Cursors as this API hands them out: base64url (RFC 4648 §5, no padding) of the compact JSON list
// [search, term, username]; written out here so that cursors already issued keep working after a deploy.
const ISSUED = [
  ["a name word", "jo", { term: "johnson", username: "ann" }, "WyJqbyIsImpvaG5zb24iLCJhbm4iXQ"],
  [
    "a whole email address",
    "bob@",
    { term: "bob@example.com", username: "bob" },
    "WyJib2JAIiwiYm9iQGV4YW1wbGUuY29tIiwiYm9iIl0",
  ],
  [
    "a term equal to the search",
    "maria",
    { term: "maria", username: "maria.g" },
    "WyJtYXJpYSIsIm1hcmlhIiwibWFyaWEuZyJd",
  ],
  [
    "a term in another script",
    "東京",
    { term: "東京都", username: "tokyo-1" },
    "WyLmnbHkuqwiLCLmnbHkuqzpg70iLCJ0b2t5by0xIl0",
  ],
  ["a term base64url writes with - and _", "~", { term: "~~~", username: "ann" }, "WyJ-Iiwifn5-IiwiYW5uIl0"],
  ["a search base64url writes with _", "?", { term: "?>", username: "ann" }, "WyI_IiwiPz4iLCJhbm4iXQ"],
] as const;

describe("a search cursor", () => {
  it.each(ISSUED)("for a search of %s is handed out as base64url JSON", (_case, search, position, cursor) => {
    expect(encodeSearchCursor(search, position)).toBe(cursor);
  });

  it.each(ISSUED)(
    "brings back where a page of a search for %s stopped",
    (_case, search, position, cursor) => {
      expect(decodeSearchCursor(cursor, search)).toEqual(position);
    },
  );

  it.each([
    ["another search's cursor", () => encodeSearchCursor("jo", { term: "johnson", username: "ann" }), "joh"],
    [
      "a cursor claiming the search it comes with, for a term outside it",
      () => forged(["joh", "johnson", "ann"]),
      "jo",
    ],
    ["a term outside the search's range", () => forged(["jo", "zed", "ann"]), "jo"],
    ["a term that only contains the search", () => forged(["jo", "ajo", "ann"]), "jo"],
    ["an empty term", () => forged(["", "", "ann"]), ""],
    ["a term with a control character", () => forged(["jo", "jo\u0000", "ann"]), "jo"],
    ["a term longer than any term is kept", () => forged(["jo", `jo${"n".repeat(300)}`, "ann"]), "jo"],
    ["a username no user can have", () => forged(["jo", "johnson", "Ann!"]), "jo"],
    ["a username too short for a user", () => forged(["jo", "johnson", "an"]), "jo"],
    ["a username that is not a string", () => forged(["jo", "johnson", 7]), "jo"],
    ["a username in a list", () => forged(["jo", "johnson", ["ann"]]), "jo"],
    ["a term that is a list", () => forged(["jo", ["johnson"], "ann"]), "jo"],
    ["a term that is a number", () => forged(["1", 12, "ann"]), "1"],
    ["a term that is an object", () => forged(["jo", { term: "johnson" }, "ann"]), "jo"],
    ["a search that is not a string", () => forged([null, "johnson", "ann"]), "jo"],
    ["two fields", () => forged(["jo", "johnson"]), "jo"],
    ["four fields", () => forged(["jo", "johnson", "ann", "x"]), "jo"],
    ["an empty list", () => forged([]), "jo"],
    ["an object instead of a list", () => forged({ 0: "jo", 1: "johnson", 2: "ann", length: 3 }), "jo"],
    ["JSON null", () => forged(null), "jo"],
    ["a JSON string", () => forged("jo,johnson,ann"), "jo"],
    [
      "JSON with spaces, which this API never writes",
      () => Buffer.from('["jo", "johnson", "ann"]').toString("base64url"),
      "jo",
    ],
    ["text that is not JSON", () => Buffer.from("jo/johnson/ann").toString("base64url"), "jo"],
    ["an empty cursor", () => "", "jo"],
    ["characters outside base64url", () => "WyJqbyIsImpvaG5zb24iLCJhbm4iXQ!!", "jo"],
    ["a padded cursor", () => "WyJqbyIsImpvaG5zb24iLCJhbm4iXQ==", "jo"],
    ["the standard base64 alphabet (+ for -)", () => "WyJ+Iiwifn5+IiwiYW5uIl0", "~"],
    ["the standard base64 alphabet (/ for _)", () => "WyI/IiwiPz4iLCJhbm4iXQ", "?"],
    ["a cursor cut short", () => "WyJqbyIsImpvaG5zb24iLCJhbm4i", "jo"],
  ])("refuses %s with 400 invalid-cursor", (_case, cursor, search) => {
    expect(refusal(cursor(), search)).toEqual(INVALID_CURSOR);
  });
});
