// Talks to the sandbox's Users API directly, as another client would: to set up users and to change one
// behind the page's back.

export interface UserFields {
  readonly username: string;
  readonly email: string;
  readonly displayName?: string;
}

export async function createUserDirectly(baseUrl: string, user: UserFields): Promise<void> {
  const response = await fetch(`${baseUrl}/api/users`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(user),
  });
  if (response.status !== 201) throw new Error(`creating ${user.username}: HTTP ${response.status}`);
}

export async function patchUserDirectly(
  baseUrl: string,
  username: string,
  changes: Partial<Omit<UserFields, "username">>,
): Promise<void> {
  const response = await fetch(`${baseUrl}/api/users/${username}`, {
    method: "PATCH",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(changes),
  });
  if (response.status !== 200) throw new Error(`patching ${username}: HTTP ${response.status}`);
}

/** The user as the API has it now, or `undefined` when there is none. */
export async function readUser(
  baseUrl: string,
  username: string,
): Promise<Record<string, unknown> | undefined> {
  const response = await fetch(`${baseUrl}/api/users/${username}`);
  if (response.status === 404) return undefined;
  if (response.status !== 200) throw new Error(`reading ${username}: HTTP ${response.status}`);
  return (await response.json()) as Record<string, unknown>;
}

/** Every username, walking the API's cursors the way the table does. */
export async function allUsernames(baseUrl: string): Promise<string[]> {
  const names: string[] = [];
  let cursor: string | null = null;
  do {
    const query: string = cursor ? `limit=100&cursor=${encodeURIComponent(cursor)}` : "limit=100";
    const page = (await (await fetch(`${baseUrl}/api/users?${query}`)).json()) as {
      items: { username: string }[];
      nextCursor: string | null;
    };
    names.push(...page.items.map((user) => user.username));
    cursor = page.nextCursor;
  } while (cursor);
  return names;
}
