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
    return (error as { problem: { status: number; type: string } }).problem;
  }
};

describe("a search cursor", () => {
  it.each([
    ["a name word", "jo", { term: "johnson", username: "ann" }],
    ["a whole email address", "bob@", { term: "bob@example.com", username: "bob" }],
    ["a term equal to the search", "maria", { term: "maria", username: "maria.g" }],
    ["a term in another script", "東京", { term: "東京都", username: "tokyo-1" }],
  ])("brings back where a page of a search for %s stopped", (_case, search, position) => {
    expect(decodeSearchCursor(encodeSearchCursor(search, position), search)).toEqual(position);
  });

  it.each([
    ["another search's cursor", () => encodeSearchCursor("jo", { term: "johnson", username: "ann" }), "joh"],
    ["a term outside the search's range", () => forged(["jo", "zed", "ann"]), "jo"],
    ["a term that only contains the search", () => forged(["jo", "ajo", "ann"]), "jo"],
    ["an empty term", () => forged(["jo", "", "ann"]), ""],
    ["a term with a control character", () => forged(["jo", "jo\u0000", "ann"]), "jo"],
    ["a term longer than any term is kept", () => forged(["jo", `jo${"n".repeat(300)}`, "ann"]), "jo"],
    ["a username no user can have", () => forged(["jo", "johnson", "Ann!"]), "jo"],
    ["a username that is not a string", () => forged(["jo", "johnson", 7]), "jo"],
    ["a term that is not a string", () => forged(["jo", ["johnson"], "ann"]), "jo"],
    ["two fields", () => forged(["jo", "johnson"]), "jo"],
    ["four fields", () => forged(["jo", "johnson", "ann", "x"]), "jo"],
    ["an object instead of a list", () => forged({ 0: "jo", 1: "johnson", 2: "ann", length: 3 }), "jo"],
    [
      "JSON with spaces, which this API never writes",
      () => Buffer.from('["jo", "johnson", "ann"]').toString("base64url"),
      "jo",
    ],
    ["text that is not JSON", () => Buffer.from("jo/johnson/ann").toString("base64url"), "jo"],
    ["an empty cursor", () => "", "jo"],
  ])("refuses %s with 400 invalid-cursor", (_case, cursor, search) => {
    expect(refusal(cursor(), search)).toMatchObject({
      status: 400,
      type: "tag:usermanagement,2026:invalid-cursor",
    });
  });
});
