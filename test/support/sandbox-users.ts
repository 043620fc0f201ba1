// Talks to the running sandbox's Users API directly, as another client would (the sandbox's write-scoped
// machine client, through the client-credentials grant): to set up users and to change one behind the
// page's back.
import { SANDBOX_MACHINE_CLIENTS } from "../../sandbox/issuer/accounts";
import { SPA_CONFIG_PATH, type SpaConfig } from "../../usermanagement/users-ui/spa/config";

export interface UserFields {
  readonly username: string;
  readonly email: string;
  readonly displayName?: string;
}

/** Tokens by sandbox and client, kept for half their lifetime (a test may run the issuer with short lifetimes). */
const tokens = new Map<string, Promise<{ token: string; renewAt: number }>>();

/**
 * An access token of a machine client from the issuer the sandbox at `baseUrl` trusts: the write-scoped one,
 * or with `readOnly` the one that may only read.
 */
export async function machineToken(baseUrl: string, readOnly = false): Promise<string> {
  const key = `${baseUrl} ${readOnly}`;
  let cached = tokens.get(key);
  if (!cached || (await cached).renewAt <= Date.now()) {
    cached = fetchMachineToken(baseUrl, readOnly);
    tokens.set(key, cached);
  }
  return (await cached).token;
}

async function fetchMachineToken(
  baseUrl: string,
  readOnly: boolean,
): Promise<{ token: string; renewAt: number }> {
  const config = (await (await fetch(`${baseUrl}${SPA_CONFIG_PATH}`)).json()) as SpaConfig;
  const discovery = (await (await fetch(`${config.authority}/.well-known/openid-configuration`)).json()) as {
    token_endpoint: string;
  };
  const client = SANDBOX_MACHINE_CLIENTS.find((c) => c.readOnly === readOnly);
  if (!client) throw new Error("the sandbox issuer seeds no such machine client");
  const response = await fetch(discovery.token_endpoint, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      authorization: `Basic ${Buffer.from(`${client.clientId}:${client.clientSecret}`).toString("base64")}`,
    },
    body: new URLSearchParams({ grant_type: "client_credentials" }),
  });
  if (!response.ok) throw new Error(`machine token: HTTP ${response.status} ${await response.text()}`);
  const { access_token, expires_in } = (await response.json()) as {
    access_token: string;
    expires_in: number;
  };
  // Renewed at half its lifetime, not at its end: with the seconds-long tokens of the session-expiry tests, a
  // token taken just before its end could expire on the way on a busy machine.
  return { token: access_token, renewAt: Date.now() + (expires_in * 1000) / 2 };
}

async function callUsersApi(baseUrl: string, path: string, init: RequestInit = {}): Promise<Response> {
  const authorization = `Bearer ${await machineToken(baseUrl)}`;
  return fetch(`${baseUrl}/api/users${path}`, { ...init, headers: { ...init.headers, authorization } });
}

export async function createUserDirectly(baseUrl: string, user: UserFields): Promise<void> {
  const response = await callUsersApi(baseUrl, "", {
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
  const response = await callUsersApi(baseUrl, `/${username}`, {
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
  const response = await callUsersApi(baseUrl, `/${username}`);
  if (response.status === 404) return undefined;
  if (response.status !== 200) throw new Error(`reading ${username}: HTTP ${response.status}`);
  return (await response.json()) as Record<string, unknown>;
}

/** Every username (of those starting with `prefix`, if given), walking the API's cursors as the table does. */
export async function allUsernames(baseUrl: string, prefix?: string): Promise<string[]> {
  const names: string[] = [];
  let cursor: string | null = null;
  do {
    const query = new URLSearchParams({ limit: "100", ...(prefix ? { prefix } : {}) });
    if (cursor) query.set("cursor", cursor);
    const page = (await (await callUsersApi(baseUrl, `?${query}`)).json()) as {
      items: { username: string }[];
      nextCursor: string | null;
    };
    names.push(...page.items.map((user) => user.username));
    cursor = page.nextCursor;
  } while (cursor);
  return names;
}
