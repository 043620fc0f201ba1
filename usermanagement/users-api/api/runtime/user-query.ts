// The query string of `GET /api/users`, read strictly: a list, a search, a username-prefix search or an email
// lookup, never a mix.
import { CONTROL_CHARACTERS } from "../../../shared/runtime/control-characters";
import { type FieldError, ProblemError } from "../../../shared/runtime/problem-details";
import { USERNAME_PREFIX_MESSAGE, USERNAME_PREFIX_PATTERN } from "../../../shared/runtime/username";
import { decodeCursor } from "./list-cursor";
import { decodeSearchCursor, type SearchPosition } from "./search-cursor";
import { MAX_SEARCH_LENGTH, normalizeSearchText } from "./search-terms";
import { emailSchema } from "./user";

export const DEFAULT_PAGE_SIZE = 25;
export const MAX_PAGE_SIZE = 100;

export type UsersRequest =
  /** A page of users in username order, those starting with `prefix` when given. */
  | { readonly kind: "page"; readonly limit: number; readonly after?: string; readonly prefix?: string }
  /** A page of the users `search` (normalized) finds, after `after` when given. */
  | {
      readonly kind: "search";
      readonly search: string;
      readonly limit: number;
      readonly after?: SearchPosition;
    }
  | { readonly kind: "email"; readonly email: string };

const KNOWN = new Set(["limit", "cursor", "search", "prefix", "email"]);

/** @throws ProblemError 400 naming every offending parameter. */
export function readUsersQuery(params: URLSearchParams): UsersRequest {
  const errors: FieldError[] = [];
  const fail = (field: string, message: string) => errors.push({ field, message });
  for (const name of new Set(params.keys())) {
    if (!KNOWN.has(name)) fail(name, "is not a known parameter");
    else if (params.getAll(name).length > 1) fail(name, "must be given once");
  }
  const { limit, cursor, search, prefix, email } = Object.fromEntries(params) as Record<
    string,
    string | undefined
  >;

  // Decimal digits only: `0x2`, `1e1`, `2.0` and ` 2` are all numbers to JavaScript, but not page sizes.
  if (
    limit !== undefined &&
    !(/^\d{1,3}$/.test(limit) && Number(limit) >= 1 && Number(limit) <= MAX_PAGE_SIZE)
  ) {
    fail("limit", `must be a whole number from 1 to ${MAX_PAGE_SIZE}, in decimal digits`);
  }
  if (cursor === "") fail("cursor", "must not be empty; omit it for the first page");
  const normalizedSearch = search === undefined ? undefined : normalizeSearchText(search);
  if (search !== undefined) {
    if (prefix !== undefined || email !== undefined) {
      fail("search", "can't be combined with prefix or email: it finds usernames and email addresses too");
    }
    const problem = searchProblem(search, normalizedSearch ?? "");
    if (problem) fail("search", problem);
  }
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
  const pageSize = limit === undefined ? DEFAULT_PAGE_SIZE : Number(limit);
  if (normalizedSearch !== undefined) {
    return {
      kind: "search",
      search: normalizedSearch,
      limit: pageSize,
      after: cursor === undefined ? undefined : decodeSearchCursor(cursor, normalizedSearch),
    };
  }
  return {
    kind: "page",
    limit: pageSize,
    after: cursor === undefined ? undefined : decodeCursor(cursor, normalizedPrefix),
    prefix: normalizedPrefix,
  };
}

/** Why `search` can't be searched for, in the words of someone typing into a search box; none if it can. */
function searchProblem(search: string, normalized: string): string | undefined {
  if (CONTROL_CHARACTERS.test(search))
    return "must not contain control characters such as tabs or line breaks";
  if ([...normalized].length > MAX_SEARCH_LENGTH) {
    return `is too long: at most ${MAX_SEARCH_LENGTH} characters, the length of the longest email address`;
  }
  if (normalized === "") return "is empty: type the start of a name, a username or an email address";
  return undefined;
}
