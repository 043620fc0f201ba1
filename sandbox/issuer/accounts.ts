// Who can sign in to the sandbox's issuer: two people and two machines, seeded for the sandbox only (the README
// lists them). Cognito holds these in AWS; here they live in code because the sandbox keeps nothing between runs.
import { ADMINS_GROUP, READ_SCOPE, WRITE_SCOPE } from "../../usermanagement/shared/runtime/access";

export interface SandboxPerson {
  /** Stable subject, a UUID like Cognito's `sub`. */
  readonly sub: string;
  readonly username: string;
  readonly password: string;
  readonly email: string;
  readonly groups: readonly string[];
}

export interface SandboxMachineClient {
  readonly clientId: string;
  readonly clientSecret: string;
  /** The scopes the client may be granted; a token request naming none gets all of them, as with Cognito. */
  readonly scopes: readonly string[];
}

export const SANDBOX_PEOPLE: readonly SandboxPerson[] = [
  {
    sub: "5ad0e7c4-1f0b-4c1e-9a55-0a11ce000001",
    username: "admin",
    password: "admin-password",
    email: "admin@example.com",
    groups: [ADMINS_GROUP],
  },
  {
    sub: "5ad0e7c4-1f0b-4c1e-9a55-0a11ce000002",
    username: "viewer",
    password: "viewer-password",
    email: "viewer@example.com",
    groups: [],
  },
];

export const SANDBOX_MACHINE_CLIENTS: readonly SandboxMachineClient[] = [
  {
    clientId: "sandbox-admin-client",
    clientSecret: "sandbox-admin-secret",
    scopes: [WRITE_SCOPE, READ_SCOPE],
  },
  { clientId: "sandbox-viewer-client", clientSecret: "sandbox-viewer-secret", scopes: [READ_SCOPE] },
];

/** The SPA's app client: authorization code + PKCE, no secret. */
export const SPA_CLIENT_ID = "users-ui";

/** What the SPA asks for, as with its Cognito app client: who the person is; their groups say what they may do. */
export const SPA_SCOPE = "openid email profile";

export const personById = (sub: string) => SANDBOX_PEOPLE.find((person) => person.sub === sub);

/** The person with these credentials, if any; the username is case-insensitive, as Cognito's is by default. */
export function personBySignIn(username: string, password: string): SandboxPerson | undefined {
  const person = SANDBOX_PEOPLE.find((p) => p.username === username.trim().toLowerCase());
  return person && person.password === password ? person : undefined;
}
