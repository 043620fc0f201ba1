// The query string of `GET /api/users`, read strictly: a list, a prefix search or an email lookup, never a mix.
import { type FieldError, ProblemError } from "../../../shared/runtime/problem-details";
import { USERNAME_PREFIX_MESSAGE, USERNAME_PREFIX_PATTERN } from "../../../shared/runtime/username";
import { decodeCursor } from "./list-cursor";
import { emailSchema } from "./user";

export const DEFAULT_PAGE_SIZE = 25;
export const MAX_PAGE_SIZE = 100;

export type UsersRequest =
  /** A page of users in username order, those starting with `prefix` when given. */
  | { readonly kind: "page"; readonly limit: number; readonly after?: string; readonly prefix?: string }
  | { readonly kind: "email"; readonly email: string };

const KNOWN = new Set(["limit", "cursor", "prefix", "email"]);

/** @throws ProblemError 400 naming every offending parameter. */
export function readUsersQuery(params: URLSearchParams): UsersRequest {
  const errors: FieldError[] = [];
  const fail = (field: string, message: string) => errors.push({ field, message });
  for (const name of new Set(params.keys())) {
    if (!KNOWN.has(name)) fail(name, "is not a known parameter");
    else if (params.getAll(name).length > 1) fail(name, "must be given once");
  }
  const { limit, cursor, prefix, email } = Object.fromEntries(params) as Record<string, string | undefined>;

  // Decimal digits only: `0x2`, `1e1`, `2.0` and ` 2` are all numbers to JavaScript, but not page sizes.
  if (
    limit !== undefined &&
    !(/^\d{1,3}$/.test(limit) && Number(limit) >= 1 && Number(limit) <= MAX_PAGE_SIZE)
  ) {
    fail("limit", `must be a whole number from 1 to ${MAX_PAGE_SIZE}, in decimal digits`);
  }
  if (cursor === "") fail("cursor", "must not be empty; omit it for the first page");
  const normalizedPrefix = prefix?.toLowerCase();
  if (normalizedPrefix !== undefined && !USERNAME_PREFIX_PATTERN.test(normalizedPrefix)) {
    fail("prefix", USERNAME_PREFIX_MESSAGE);
  }
  if (email !== undefined) {
    if (prefix !== undefined) fail("email", "cannot be combined with prefix");
    if (limit !== undefined || cursor !== undefined)
      fail("email", "is a lookup of one user: no limit or cursor");
    const parsed = emailSchema.safeParse(email);
    for (const issue of parsed.success ? [] : parsed.error.issues) fail("email", issue.message);
  }
  if (errors.length > 0) {
    const fields = [...new Set(errors.map((error) => error.field))].join(", ");
    throw new ProblemError(
      400,
      "validation-error",
      "Invalid request",
      `The query string is invalid: ${fields}.`,
      {
        errors,
      },
    );
  }
  if (email !== undefined) return { kind: "email", email };
  return {
    kind: "page",
    limit: limit === undefined ? DEFAULT_PAGE_SIZE : Number(limit),
    after: cursor === undefined ? undefined : decodeCursor(cursor, normalizedPrefix),
    prefix: normalizedPrefix,
  };
}
