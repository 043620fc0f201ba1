// A user's version as an HTTP entity tag, and the `If-Match` preconditions that refer to it.

export const entityTag = (version: number) => `"${version}"`;

/**
 * The version an `If-Match` header demands, `undefined` when it demands none (absent, or `*` — any existing user).
 * A header naming no valid tag can never match, so it yields a version no user has.
 */
export function expectedVersion(ifMatch: string | null): number | undefined {
  if (ifMatch === null || ifMatch.trim() === "*") return undefined;
  const tags = ifMatch.split(",").map((tag) => /^\s*(?:W\/)?"(\d{1,15})"\s*$/.exec(tag)?.[1]);
  const version = tags.find((tag) => tag !== undefined);
  // Several tags would each need a check; clients of this API send the one they read.
  return version === undefined ? -1 : Number(version);
}
