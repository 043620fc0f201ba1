// The opaque `cursor` of `GET /api/users`: the last username of the previous page, and for a prefix search the
// prefix too, base64url-encoded. Carrying the prefix lets a cursor be refused by any other query.
import { ProblemError } from "../../../shared/runtime/problem-details";
import { USERNAME_PATTERN } from "../../../shared/runtime/username";

// `/` is outside the username alphabet, so it separates the prefix from the username unambiguously.
const SEPARATOR = "/";

export function encodeCursor(lastUsername: string, prefix?: string): string {
  const text = prefix === undefined ? lastUsername : `${prefix}${SEPARATOR}${lastUsername}`;
  return Buffer.from(text, "utf8").toString("base64url");
}

/**
 * The last username of the previous page of the same query (`prefix` absent for the plain list).
 * @throws ProblemError 400 when the cursor was not issued by this API for this query.
 */
export function decodeCursor(cursor: string, prefix?: string): string {
  const text = Buffer.from(cursor, "base64url").toString("utf8");
  const separator = text.indexOf(SEPARATOR);
  const cursorPrefix = separator < 0 ? undefined : text.slice(0, separator);
  const username = text.slice(separator + 1);
  const issuedForThisQuery =
    cursorPrefix === prefix &&
    USERNAME_PATTERN.test(username) &&
    username.startsWith(prefix ?? "") &&
    encodeCursor(username, prefix) === cursor;
  if (!issuedForThisQuery) throw invalidCursor();
  return username;
}

/** The answer to a cursor that this API didn't issue for the query it comes with. */
export function invalidCursor(): ProblemError {
  return new ProblemError(
    400,
    "invalid-cursor",
    "Invalid cursor",
    "Pass back the nextCursor of a previous page.",
    {
      errors: [{ field: "cursor", message: "is not a cursor this API issued for this query" }],
    },
  );
}
