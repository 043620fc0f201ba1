// The Users API as the SPA sees it (issue 2 §4), served same-origin under /api/users.
import type {
  CreateUserInput as NewUser,
  User,
  UpdateUserInput as UserChanges,
  UserPage,
} from "../../../users-api/api/runtime/user";
import { entityTag } from "../../../users-api/api/runtime/version-tags";
import { type ApiResponse, callApi } from "./api-request";

const API_NAME = "Users API";
const USERS_PATH = "/api/users";

// The contract's own types: a change to the Users API's records breaks this client's typecheck, not its users.
export type {
  CreateUserInput as NewUser,
  UpdateUserInput as UserChanges,
  User,
  UserPage,
} from "../../../users-api/api/runtime/user";

/** A user together with the entity tag to send back in `If-Match`. */
export interface TaggedUser {
  readonly user: User;
  readonly etag: string;
}

/** The API's ETag for a version; list items carry no header of their own. */
export { entityTag } from "../../../users-api/api/runtime/version-tags";

const userPath = (username: string) => `${USERS_PATH}/${encodeURIComponent(username)}`;
const JSON_CONTENT = { "content-type": "application/json" };
const ifMatch = (etag?: string): Record<string, string> => (etag ? { "if-match": etag } : {});
const tagged = ({ body, etag }: ApiResponse<User>): TaggedUser => ({
  user: body,
  etag: etag ?? entityTag(body.version),
});

export async function listUsers(limit: number, cursor?: string): Promise<UserPage> {
  const query = new URLSearchParams({ limit: String(limit) });
  if (cursor) query.set("cursor", cursor);
  return (await callApi<UserPage>(API_NAME, `${USERS_PATH}?${query}`)).body;
}

export async function getUser(username: string): Promise<TaggedUser> {
  return tagged(await callApi<User>(API_NAME, userPath(username)));
}

export async function createUser(input: NewUser): Promise<TaggedUser> {
  const init = { method: "POST", body: JSON.stringify(input), headers: JSON_CONTENT };
  return tagged(await callApi<User>(API_NAME, USERS_PATH, init));
}

/** With `etag`, the API refuses (412) when someone else changed the user since it was read. */
export async function updateUser(username: string, changes: UserChanges, etag?: string): Promise<TaggedUser> {
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
