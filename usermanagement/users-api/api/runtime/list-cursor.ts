// The opaque `cursor` of `GET /users`: the last username of the previous page, base64url-encoded.
import { ProblemError } from "../../../shared/runtime/problem-details";
import { USERNAME_PATTERN } from "../../../shared/runtime/username";

export const encodeCursor = (lastUsername: string) => Buffer.from(lastUsername, "utf8").toString("base64url");

/** @throws ProblemError 400 when the cursor was not issued by this API. */
export function decodeCursor(cursor: string): string {
  const username = Buffer.from(cursor, "base64url").toString("utf8");
  if (!USERNAME_PATTERN.test(username) || encodeCursor(username) !== cursor) {
    throw new ProblemError(
      400,
      "invalid-cursor",
      "Invalid cursor",
      "Pass back the nextCursor of a previous page.",
      {
        errors: [{ field: "cursor", message: "is not a cursor issued by this API" }],
      },
    );
  }
  return username;
}
