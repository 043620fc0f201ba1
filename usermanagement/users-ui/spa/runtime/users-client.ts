// The Users API as the SPA sees it, served same-origin under /api/users. The records, queries and ETag format
// are the API's own contract module, so a change there breaks this client's typecheck, not its users.
import {
  type CreateUserInput,
  entityTag,
  type FindUserByEmailQuery,
  type FindUsersByPrefixQuery,
  type SearchUsersQuery,
  type UpdateUserInput,
  type User,
  type UserPage,
} from "../../../users-api/api/runtime/contract";
import { type ApiResponse, callApi } from "./api-request";

const API_NAME = "Users API";
const USERS_PATH = "/api/users";

export type {
  CreateUserInput,
  UpdateUserInput,
  User,
  UserPage,
} from "../../../users-api/api/runtime/contract";
/** The API's ETag for a version; list items carry no header of their own. */
export { entityTag } from "../../../users-api/api/runtime/contract";

/** A user together with the entity tag to send back in `If-Match`. */
export interface TaggedUser {
  readonly user: User;
  readonly etag: string;
}

const userPath = (username: string) => `${USERS_PATH}/${encodeURIComponent(username)}`;
const JSON_CONTENT = { "content-type": "application/json" };
const ifMatch = (etag?: string): Record<string, string> => (etag ? { "if-match": etag } : {});
const tagged = ({ body, etag }: ApiResponse<User>): TaggedUser => ({
  user: body,
  etag: etag ?? entityTag(body.version),
});

/**
 * What to list: everyone, the users a `search` finds (by name, username or email: what a search box sends), the
 * users whose username starts with `prefix`, or the one with exactly `email`.
 */
export type UserFilter =
  | Pick<SearchUsersQuery, "search">
  | Pick<FindUsersByPrefixQuery, "prefix">
  | FindUserByEmailQuery
  | Record<string, never>;

/** How an operator's search text reads: an `@` means an email address, anything else a username's start. */
export function filterFor(search: string): UserFilter {
  const text = search.trim();
  if (text === "") return {};
  return text.includes("@") ? { email: text } : { prefix: text };
}

export async function listUsers(limit: number, cursor?: string, filter: UserFilter = {}): Promise<UserPage> {
  // An email names at most one user: that lookup takes no paging parameters.
  const query = new URLSearchParams(
    "email" in filter
      ? { email: filter.email }
      : { ...filter, limit: String(limit), ...(cursor ? { cursor } : {}) },
  );
  return (await callApi<UserPage>(API_NAME, `${USERS_PATH}?${query}`)).body;
}

export async function getUser(username: string): Promise<TaggedUser> {
  return tagged(await callApi<User>(API_NAME, userPath(username)));
}

export async function createUser(input: CreateUserInput): Promise<TaggedUser> {
  const init = { method: "POST", body: JSON.stringify(input), headers: JSON_CONTENT };
  return tagged(await callApi<User>(API_NAME, USERS_PATH, init));
}

/** With `etag`, the API refuses (412) when someone else changed the user since it was read. */
export async function updateUser(
  username: string,
  changes: UpdateUserInput,
  etag?: string,
): Promise<TaggedUser> {
  const init = {
    method: "PATCH",
    body: JSON.stringify(changes),
    headers: { ...JSON_CONTENT, ...ifMatch(etag) },
  };
  return tagged(await callApi<User>(API_NAME, userPath(username), init));
}

export async function deleteUser(username: string, etag?: string): Promise<void> {
  await callApi(API_NAME, userPath(username), { method: "DELETE", headers: ifMatch(etag) });
}
