// The search rules on their own: how text is normalized, and which terms a user is found by.
import { describe, expect, it } from "vitest";
import { USERNAME_PATTERN } from "../../../../../usermanagement/shared/runtime/username";
import {
  isPossibleTerm,
  MAX_NAME_WORDS,
  normalizeSearchText,
  searchTermsOf,
} from "../../../../../usermanagement/users-api/api/runtime/search-terms";
import { termSortKey } from "../../../../../usermanagement/users-api/database/table-schema";

describe("normalizeSearchText", () => {
  it.each([
    ["case", "AnN", "ann"],
    ["accents", "Zoë Ålesund Ñandú", "zoe alesund nandu"],
    ["fullwidth forms", "ＡＢＣ　１２３", "abc 123"],
    ["halfwidth katakana", "ｶﾞｷ", "カキ"],
    ["ligatures", "ﬁnn", "finn"],
    ["German sharp s, folded like SS", "Straße", "strasse"],
    ["Turkish dotted and dotless i", "İzmir Işık", "izmir isik"],
    ["Greek final sigma, tonos", "ΟΔΥΣΣΈΑΣ Οδυσσέας", "οδυσσεασ οδυσσεασ"],
    ["Cyrillic ё and й", "Пётр Йода", "петр иода"],
    ["invisible characters", "an\u200bn\u00ad", "ann"],
    ["runs of white space, and at either end", "  ann \u00a0\u3000 johnson ", "ann johnson"],
  ])("folds %s", (_case, text, normalized) => {
    expect(normalizeSearchText(text)).toBe(normalized);
  });

  it("leaves Hangul syllables whole and Han characters as they are", () => {
    expect(normalizeSearchText("김민수 李小龍")).toBe("김민수 李小龍");
  });
});

describe("searchTermsOf", () => {
  it("finds a user by the name from each word on, by username, by address and by domain", () => {
    expect(
      searchTermsOf({
        username: "mgarcia",
        email: "Maria.Garcia@Example.com",
        displayName: "María García López",
      }),
    ).toEqual([
      "maria garcia lopez",
      "garcia lopez",
      "lopez",
      "mgarcia",
      "maria.garcia@example.com",
      "example.com",
    ]);
  });

  it("leaves out a term that starts another: whatever finds it finds the longer one", () => {
    expect(searchTermsOf({ username: "bob", email: "bob@example.com", displayName: "Bob" })).toEqual([
      "bob@example.com",
      "example.com",
    ]);
  });

  it("starts terms at the words a dictionary finds in text written without spaces", () => {
    expect(searchTermsOf({ username: "wxm", email: "w@example.cn", displayName: "王小明" })).toContain(
      "小明",
    );
  });

  it("keeps a name of symbols findable as a whole", () => {
    expect(searchTermsOf({ username: "uni", email: "u@example.com", displayName: "🦄✨" })).toContain("🦄✨");
  });

  it("starts at most 20 terms in a name of many words: later words are in the 20th term", () => {
    const displayName = Array.from({ length: 50 }, (_, i) => `w${i}`).join(" ");

    const terms = searchTermsOf({ username: "many", email: "m@example.com", displayName });

    expect(terms).toHaveLength(MAX_NAME_WORDS + 3);
    expect(terms).toContain(Array.from({ length: 31 }, (_, i) => `w${i + 19}`).join(" "));
  });

  it("keeps every term's sort key under DynamoDB's 1,024 bytes, whatever NFKC makes of a name", () => {
    // "㍿" is "株式会社": a 100-character name grows to 400 characters, 1,200 bytes.
    const user = { username: "a".repeat(32), email: "x@example.com", displayName: "㍿".repeat(100) };

    for (const term of searchTermsOf(user)) {
      expect(new TextEncoder().encode(termSortKey(term, user.username)).length).toBeLessThanOrEqual(1024);
      expect(isPossibleTerm(term)).toBe(true);
    }
    expect(USERNAME_PATTERN.test(user.username)).toBe(true);
  });
});
