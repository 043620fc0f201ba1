// CloudFront path patterns as the sandbox applies them to pick a behaviour.
import { describe, expect, it } from "vitest";
import { pathPatternMatches } from "../../../sandbox/cloudfront/path-pattern";

describe("a CloudFront path pattern", () => {
  it("matches the whole path, * for any run of characters and ? for one, case-sensitively", () => {
    expect(pathPatternMatches("/api/users*", "/api/users")).toBe(true);
    expect(pathPatternMatches("/api/users*", "/api/usersx/y")).toBe(true);
    expect(pathPatternMatches("/api/users*", "/API/users")).toBe(false);
    expect(pathPatternMatches("/api/users*", "/x/api/users")).toBe(false);
    expect(pathPatternMatches("/a?c", "/abc")).toBe(true);
    expect(pathPatternMatches("/a?c", "/ac")).toBe(false);
    expect(pathPatternMatches("/a.c", "/abc")).toBe(false);
  });
});
