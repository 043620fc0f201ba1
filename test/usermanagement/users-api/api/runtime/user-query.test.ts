// The query string of GET /api/users, read strictly: each kind of request with its defaults, and every mistake
// named by its parameter, several at once, in the words the API answers with.
import { describe, expect, it } from "vitest";
import { encodeCursor } from "../../../../../usermanagement/users-api/api/runtime/list-cursor";
import { encodeSearchCursor } from "../../../../../usermanagement/users-api/api/runtime/search-cursor";
import { readUsersQuery } from "../../../../../usermanagement/users-api/api/runtime/user-query";

/**
 * A query string, or a function making one: a query that holds a cursor is made inside its test, never while
 * the table is read, so that each test alone meets the cursor code it goes through.
 */
type Query = string | (() => string);

const read = (query: Query) =>
  readUsersQuery(new URLSearchParams(typeof query === "string" ? query : query()));

/** The field errors a query gets, or "accepted". */
const errorsOf = (query: Query) => {
  try {
    read(query);
    return "accepted";
  } catch (error) {
    return (error as { problem: { errors: unknown } }).problem.errors;
  }
};

const LIMIT = "must be a whole number from 1 to 100, in decimal digits";
const PREFIX = "must be 1–32 characters of a-z, 0-9, '.', '_' or '-', starting with a letter or digit";
const SEARCH_WITH_OTHERS =
  "can't be combined with prefix or email: it finds usernames and email addresses too";

describe("readUsersQuery", () => {
  it.each([
    ["nothing: the first page of 25", "", { kind: "page", limit: 25, after: undefined, prefix: undefined }],
    ["the smallest page", "limit=1", { kind: "page", limit: 1 }],
    ["the largest page", "limit=100", { kind: "page", limit: 100 }],
    ["a page size with leading zeros", "limit=007", { kind: "page", limit: 7 }],
    ["a prefix, lower-cased", "prefix=Al", { kind: "page", limit: 25, prefix: "al" }],
    ["the next page of the list", () => `cursor=${encodeCursor("bob")}`, { kind: "page", after: "bob" }],
    [
      "the next page of a prefix search",
      () => `prefix=AL&cursor=${encodeCursor("alice", "al")}`,
      { kind: "page", after: "alice", prefix: "al" },
    ],
    [
      "a search, normalized",
      "search=%20Zo%C3%AB%20",
      { kind: "search", search: "zoe", limit: 25, after: undefined },
    ],
    [
      "the next page of a search",
      () => `search=jo&limit=5&cursor=${encodeSearchCursor("jo", { term: "johnson", username: "ann" })}`,
      { kind: "search", search: "jo", limit: 5, after: { term: "johnson", username: "ann" } },
    ],
    ["a search as long as the longest email address", `search=${"a".repeat(254)}`, { kind: "search" }],
    ["an email lookup, as typed", "email=Bob%40Example.com", { kind: "email", email: "Bob@Example.com" }],
  ])("reads %s", (_case, query, request) => {
    expect(read(query)).toMatchObject(request);
  });

  it.each([
    ["a page size of 0", "limit=0", [{ field: "limit", message: LIMIT }]],
    ["a page size of 101", "limit=101", [{ field: "limit", message: LIMIT }]],
    ["a four-digit page size", "limit=0100", [{ field: "limit", message: LIMIT }]],
    ["a fractional page size", "limit=2.5", [{ field: "limit", message: LIMIT }]],
    ["a page size in hexadecimal", "limit=0x2", [{ field: "limit", message: LIMIT }]],
    ["a page size in exponent notation", "limit=1e1", [{ field: "limit", message: LIMIT }]],
    ["a page size with a space", "limit=%202", [{ field: "limit", message: LIMIT }]],
    ["an empty page size", "limit=", [{ field: "limit", message: LIMIT }]],
    [
      "an empty cursor",
      "cursor=",
      [{ field: "cursor", message: "must not be empty; omit it for the first page" }],
    ],
    ["an unknown parameter", "sort=name", [{ field: "sort", message: "is not a known parameter" }]],
    ["a parameter given twice", "limit=2&limit=3", [{ field: "limit", message: "must be given once" }]],
    ["a search with a prefix", "search=jo&prefix=jo", [{ field: "search", message: SEARCH_WITH_OTHERS }]],
    [
      "a search with an email",
      "search=jo&email=jo%40example.com",
      [{ field: "search", message: SEARCH_WITH_OTHERS }],
    ],
    [
      "a search with a tab",
      "search=jo%09hn",
      [{ field: "search", message: "must not contain control characters such as tabs or line breaks" }],
    ],
    [
      "a search longer than the longest email address",
      `search=${"a".repeat(255)}`,
      [
        {
          field: "search",
          message: "is too long: at most 254 characters, the length of the longest email address",
        },
      ],
    ],
    [
      "a search of spaces only",
      "search=%20%20",
      [{ field: "search", message: "is empty: type the start of a name, a username or an email address" }],
    ],
    ["a prefix no username starts with", "prefix=-al", [{ field: "prefix", message: PREFIX }]],
    ["a prefix longer than a username", `prefix=${"a".repeat(33)}`, [{ field: "prefix", message: PREFIX }]],
    [
      "an email lookup with a prefix",
      "email=bob%40example.com&prefix=bo",
      [{ field: "email", message: "cannot be combined with prefix" }],
    ],
    [
      "an email lookup with a page size",
      "email=bob%40example.com&limit=5",
      [{ field: "email", message: "is a lookup of one user: no limit or cursor" }],
    ],
    [
      "an email lookup with a cursor",
      () => `email=bob%40example.com&cursor=${encodeCursor("bob")}`,
      [{ field: "email", message: "is a lookup of one user: no limit or cursor" }],
    ],
    [
      "an address that is not one",
      "email=bob",
      [{ field: "email", message: "must be a valid email address" }],
    ],
  ])("refuses %s, naming the parameter", (_case, query, errors) => {
    expect(errorsOf(query)).toEqual(errors);
  });

  it("names every offending parameter once in its detail, in the order they were found", () => {
    const readMistakes = () => read("limit=0&sort=name&email=bob&prefix=-a");

    expect(readMistakes).toThrow(
      expect.objectContaining({
        problem: {
          type: "tag:usermanagement,2026:validation-error",
          title: "Invalid request",
          status: 400,
          detail: "The query string is invalid: sort, limit, prefix, email.",
          errors: [
            { field: "sort", message: "is not a known parameter" },
            { field: "limit", message: LIMIT },
            { field: "prefix", message: PREFIX },
            { field: "email", message: "cannot be combined with prefix" },
            { field: "email", message: "is a lookup of one user: no limit or cursor" },
            { field: "email", message: "must be a valid email address" },
          ],
        },
      }),
    );
  });

  it.each([
    [
      "a search's cursor with the plain list",
      () => `cursor=${encodeSearchCursor("jo", { term: "jo", username: "jo" })}`,
    ],
    ["a plain list's cursor with a search", () => `search=bob&cursor=${encodeCursor("bob")}`],
    ["a prefix search's cursor with another prefix", () => `prefix=b&cursor=${encodeCursor("alice", "al")}`],
  ])("refuses %s as an invalid cursor", (_case, query) => {
    expect(() => read(query)).toThrow(
      expect.objectContaining({
        problem: expect.objectContaining({ type: "tag:usermanagement,2026:invalid-cursor" }),
      }),
    );
  });
});
