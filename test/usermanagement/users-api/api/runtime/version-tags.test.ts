// If-Match as RFC 9110 defines it: a list matches when any member does, `*` matches any existing user, weak
// tags never match, and tags compare exactly.
import { describe, expect, it } from "vitest";
import {
  expectedVersions,
  TooManyEntityTagsError,
} from "../../../../../usermanagement/users-api/api/runtime/version-tags";

/** A list of the tags of versions 1 to `count`, as a client that read many versions would send it. */
const tagsOfVersions = (count: number) => Array.from({ length: count }, (_, i) => `"${i + 1}"`).join(", ");

describe("expectedVersions", () => {
  it.each([
    ["no header", null, undefined],
    ["*", "*", undefined],
    ["* with the whitespace around a header value", " * ", undefined],
    ["one strong tag", '"4"', [4]],
    ["the first version's tag", '"1"', [1]],
    ["a 15-digit version", '"999999999999999"', [999999999999999]],
    ["a list", '"1", "4"', [1, 4]],
    ["a list without spaces", '"1","4"', [1, 4]],
    ["a list with empty elements", ', "1",, "4" ,', [1, 4]],
    ["a list naming one version twice", '"4", "4"', [4]],
    ["a weak tag, which never matches", 'W/"3"', []],
    ["a weak and a strong tag", 'W/"3", "5"', [5]],
    ["a tag with a leading zero, not one this API issues", '"04"', []],
    ["a tag of version 0, which no user has", '"0"', []],
    ["a tag of a negative version", '"-4"', []],
    ["a tag of a fractional version", '"4.5"', []],
    ["a version in exponent notation", '"4e1"', []],
    ["a version past the integers a number holds exactly", '"9007199254740993"', []],
    ["a tag that is not a number", '"abc"', []],
    ["the tag NaN", '"NaN"', []],
    ["the tag Infinity", '"Infinity"', []],
    ["an empty tag", '""', []],
    ["an unquoted version", "4", []],
    ["text that is no list of tags", "version one", []],
    ["a list with garbage between tags", '"1" x "2"', []],
    ["an unterminated tag", '"4', []],
    ["a tag holding a comma", '"4,5"', []],
  ])("reads %s", (_case, header, versions) => {
    expect(expectedVersions(header)).toEqual(versions);
  });

  it("accepts a list of exactly 100 versions, as many as one conditional write can check", () => {
    expect(expectedVersions(tagsOfVersions(100))).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
  });

  it("refuses a list of 101 versions, saying what the limit is and what to send instead", () => {
    const read = () => expectedVersions(tagsOfVersions(101));

    expect(read).toThrow(TooManyEntityTagsError);
    expect(read).toThrow(
      expect.objectContaining({
        name: "TooManyEntityTagsError",
        message: "If-Match names more than 100 versions; send the tag of the version you read.",
      }),
    );
  });

  it("counts versions, not tags: 150 repetitions of one tag are one version", () => {
    expect(expectedVersions(Array(150).fill('"7"').join(", "))).toEqual([7]);
  });
});
