// CloudFront's cache-behaviour path patterns: `*` any run of characters, `?` exactly one, case-sensitive, and
// matched against the whole path ("Path pattern", CloudFront's distribution settings reference).
export function pathPatternMatches(pattern: string, path: string): boolean {
  const source = pattern
    .split("")
    .map((char) => (char === "*" ? ".*" : char === "?" ? "." : char.replace(/[.+^${}()|[\]\\]/g, "\\$&")))
    .join("");
  return new RegExp(`^${source}$`, "s").test(path);
}
