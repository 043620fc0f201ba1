// Who can sign in to the sandbox's issuer: two people, the SPA's app client and two machine clients, seeded for
// the sandbox only (the README lists them). Cognito holds these in AWS; here they live in code because the
// sandbox keeps nothing between runs. The clients mirror the user pool's: the SPA may be granted the identity
// scopes and both API scopes, each machine only its own.
import { ADMINS_GROUP, READ_SCOPE, WRITE_SCOPE } from "../../usermanagement/shared/runtime/access";
import type { SpaConfig } from "../../usermanagement/users-ui/spa/config";
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

/** The machine clients: client-credentials grant, with a secret. */
export const SANDBOX_MACHINE_CLIENTS: readonly IssuerClient[] = [
  {
    clientId: "sandbox-admin-client",
    clientSecret: "sandbox-admin-secret",
    grantTypes: ["client_credentials"],
    allowedScopes: [WRITE_SCOPE, READ_SCOPE],
  },
  {
    clientId: "sandbox-viewer-client",
    clientSecret: "sandbox-viewer-secret",
    grantTypes: ["client_credentials"],
    allowedScopes: [READ_SCOPE],
  },
];

/** The SPA's app client: authorization code + PKCE, no secret. */
export const SPA_CLIENT_ID = "users-ui";

/**
 * What the SPA asks for, as with its Cognito app client: who the person is, and both API scopes so that its
 * token reaches every route. What the person may do there comes from their groups, not from these.
 */
export const SPA_SCOPE = `openid email profile ${READ_SCOPE} ${WRITE_SCOPE}`;

/** The SPA's client, signing in and out at the UI's own URL in either loopback spelling. */
export function spaClient(uiUrl: string): IssuerClient {
  const home = loopbackSpellings(new URL(uiUrl).origin).map((origin) => `${origin}/`);
  return {
    clientId: SPA_CLIENT_ID,
    grantTypes: ["authorization_code", "refresh_token"],
    allowedScopes: SPA_SCOPE.split(" "),
    redirectUris: home,
  };
}

/** Every client of the sandbox's issuer, for a UI served at `uiUrl`. */
export const sandboxClients = (uiUrl: string): IssuerClient[] => [
  spaClient(uiUrl),
  ...SANDBOX_MACHINE_CLIENTS,
];

/** The SPA's `config.json` for the issuer at `issuerUrl`. */
export const sandboxSpaConfig = (issuerUrl: string): SpaConfig => ({
  authority: issuerUrl,
  clientId: SPA_CLIENT_ID,
  scope: SPA_SCOPE,
});

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
