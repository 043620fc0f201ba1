// If-Match as RFC 9110 defines it: a list matches when any member does, `*` matches any existing user, weak
// tags never match, and tags compare exactly.
import { describe, expect, it } from "vitest";
import {
  expectedVersions,
  MAX_IF_MATCH_VERSIONS,
  TooManyEntityTagsError,
} from "../../../../../usermanagement/users-api/api/runtime/version-tags";

describe("expectedVersions", () => {
  it.each([
    ["no header", null, undefined],
    ["*", "*", undefined],
    ["one strong tag", '"4"', [4]],
    ["a list", '"1", "4"', [1, 4]],
    ["a list without spaces", '"1","4"', [1, 4]],
    ["a list with empty elements", ', "1",, "4" ,', [1, 4]],
    ["a weak tag, which never matches", 'W/"3"', []],
    ["a weak and a strong tag", 'W/"3", "5"', [5]],
    ["a tag with a leading zero, not one this API issues", '"04"', []],
    ["a tag that is not a number", '"abc"', []],
    ["an unquoted version", "4", []],
    ["text that is no list of tags", "version one", []],
    ["a list with garbage between tags", '"1" x "2"', []],
    ["an unterminated tag", '"4', []],
    ["a tag holding a comma", '"4,5"', []],
  ])("reads %s", (_case, header, versions) => {
    expect(expectedVersions(header)).toEqual(versions);
  });

  it("refuses a list of more versions than one conditional write can check", () => {
    const header = Array.from({ length: MAX_IF_MATCH_VERSIONS + 1 }, (_, i) => `"${i + 1}"`).join(", ");

    expect(() => expectedVersions(header)).toThrow(TooManyEntityTagsError);
  });
});
