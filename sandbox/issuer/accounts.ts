// Who can sign in to the sandbox's issuer: two people, the SPA's app client and two machine clients, seeded for
// the sandbox only (the README lists them). Cognito holds these in AWS; here they live in code because the
// sandbox keeps nothing between runs. What each client may be granted is not written here: it is the templates'
// AllowedOAuthScopes (the user pool's stand-in reads them), so a scope taken from a client in its construct is
// refused by the sandbox's issuer too.
import { ADMINS_GROUP, READ_SCOPE } from "../../usermanagement/shared/runtime/access";
import type { IssuerClient } from "./clients";

export interface SandboxPerson {
  /** Stable subject, a UUID like Cognito's `sub`. */
  readonly sub: string;
  readonly username: string;
  readonly password: string;
  readonly email: string;
  readonly groups: readonly string[];
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

export interface SandboxMachineClient {
  readonly clientId: string;
  readonly clientSecret: string;
  /**
   * Whether the client may only read: the template's machine client may have every scope it allows; a read-only
   * one, which production has no need of, only the read scope among them, for trying what a reader gets.
   */
  readonly readOnly: boolean;
}

/** The machine clients' credentials (client-credentials grant). */
export const SANDBOX_MACHINE_CLIENTS: readonly SandboxMachineClient[] = [
  { clientId: "sandbox-admin-client", clientSecret: "sandbox-admin-secret", readOnly: false },
  { clientId: "sandbox-viewer-client", clientSecret: "sandbox-viewer-secret", readOnly: true },
];

/** The scopes the templates' app clients may be granted (their AllowedOAuthScopes), by kind of client. */
export interface AppClientScopes {
  /** The authorization-code client's, the SPA's. */
  readonly spa: readonly string[];
  /** The client-credentials client's. */
  readonly machine: readonly string[];
}

/** The SPA's app client: authorization code + PKCE, no secret. */
export const SPA_CLIENT_ID = "users-ui";

/** Every client of the sandbox's issuer, for a UI served at `uiUrl`, allowed what the templates allow theirs. */
export function sandboxClients(uiUrl: string, allowed: AppClientScopes): IssuerClient[] {
  const home = loopbackSpellings(new URL(uiUrl).origin).map((origin) => `${origin}/`);
  const spa: IssuerClient = {
    clientId: SPA_CLIENT_ID,
    grantTypes: ["authorization_code", "refresh_token"],
    allowedScopes: allowed.spa,
    redirectUris: home,
  };
  const machines = SANDBOX_MACHINE_CLIENTS.map(
    ({ clientId, clientSecret, readOnly }): IssuerClient => ({
      clientId,
      clientSecret,
      grantTypes: ["client_credentials"],
      allowedScopes: readOnly ? allowed.machine.filter((scope) => scope === READ_SCOPE) : allowed.machine,
    }),
  );
  return [spa, ...machines];
}

export const personById = (sub: string) => SANDBOX_PEOPLE.find((person) => person.sub === sub);

/** The person with these credentials, if any; the username is case-insensitive, as Cognito's is by default. */
export function personBySignIn(username: string, password: string): SandboxPerson | undefined {
  const person = SANDBOX_PEOPLE.find((p) => p.username === normalUsername(username));
  return person && person.password === password ? person : undefined;
}

/** A username as the pool compares it. */
export const normalUsername = (username: string) => username.trim().toLowerCase();

/** `http://127.0.0.1:3000` → it and `http://localhost:3000`: a browser may use either spelling. */
function loopbackSpellings(origin: string): string[] {
  const url = new URL(origin);
  const spellings = new Set([url.origin]);
  for (const host of ["127.0.0.1", "localhost"]) {
    if (url.hostname === "127.0.0.1" || url.hostname === "localhost") {
      url.hostname = host;
      spellings.add(url.origin);
    }
  }
  return [...spellings];
}
