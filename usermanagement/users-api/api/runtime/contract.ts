// The Users API's contract as its clients see it: the records, the queries, the entity-tag format and the error
// shape (every error is an RFC 9457 `ProblemDetails`, `content-type: application/problem+json`). Its only runtime
// code is `entityTag`, so the SPA bundles nothing of the API's implementation by importing it.
export type { FieldError, ProblemDetails } from "../../../shared/runtime/problem-details";
/** The bodies of `POST /api/users` and `PATCH /api/users/{username}`, as the API's schemas read them. */
export type { CreateUserInput, UpdateUserInput } from "./user";

export interface User {
  readonly username: string;
  readonly email: string;
  readonly displayName?: string;
  /** ISO-8601 UTC. */
  readonly createdAt: string;
  /** ISO-8601 UTC. */
  readonly updatedAt: string;
  /** Starts at 1 and increments on every change; the ETag. */
  readonly version: number;
}

/**
 * One page of `GET /api/users`: pass `nextCursor` back as `cursor` for the next; `null` on the last page.
 * An email lookup answers one page of at most one user.
 */
export interface UserPage {
  readonly items: readonly User[];
  readonly nextCursor: string | null;
}

/** `GET /api/users?limit&cursor`: every user, in username order. */
export interface ListUsersQuery {
  /** 1–100. @default 25 */
  readonly limit?: number;
  /** The `nextCursor` of the previous page of the same query. */
  readonly cursor?: string;
}

/**
 * `GET /api/users?search&limit&cursor`: the one search box. A user is found when `search` is the start of a word
 * of their display name (or of the name from that word on: "ann jo" finds Ann Johnson), of their username, of
 * their email address or of its domain; case, accents and character width aside ("zoe" finds Zoë, "ＡＢＣ" abc).
 * Users come in the order of the text they are first found by, then by username, each once. A search that is
 * empty once spaces are dropped, longer than 254 characters or holding control characters is refused (400,
 * `errors: [{ field: "search" }]`), and so is one combined with `prefix` or `email`.
 */
export interface SearchUsersQuery extends ListUsersQuery {
  readonly search: string;
}

/**
 * `GET /api/users?prefix&limit&cursor`: the users whose username starts with `prefix` (any case), in username
 * order. Kept for scripts: `search` finds these users too, among others.
 */
export interface FindUsersByPrefixQuery extends ListUsersQuery {
  readonly prefix: string;
}

/**
 * `GET /api/users?email`: the user with that exact address (any case), as a page of zero or one item. Kept for
 * scripts and the chat: an exact lookup, read consistently.
 */
export interface FindUserByEmailQuery {
  readonly email: string;
}

export type UsersQuery = ListUsersQuery | SearchUsersQuery | FindUsersByPrefixQuery | FindUserByEmailQuery;

/** The `ETag` of a user at `version`, and the value to send back in `If-Match`. */
export const entityTag = (version: number) => `"${version}"`;
