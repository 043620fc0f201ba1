// Access tokens shaped like Amazon Cognito's, so the Users API and the SPA read the same claims in the sandbox
// as in AWS. A Cognito access token carries `iss`, `sub`, `client_id`, `token_use: "access"`, `scope`
// (space-separated), `auth_time`, `exp`, `iat`, `jti`, `version`, and for a person `username` and, when they
// belong to any, `cognito:groups`; a client-credentials token names the client as `sub` and has no username.
import type { KoaContext } from "oidc-provider";
import { personById } from "./accounts";
import { type IssuerClient, isResourceScope } from "./clients";

interface IssuedToken {
  readonly kind: string;
  readonly clientId: string;
  readonly accountId?: string;
  readonly grantId?: string;
  readonly scope?: string;
}

interface StructuredToken {
  header?: Record<string, unknown>;
  payload: Record<string, unknown>;
}

/** oidc-provider's `formats.customizers.jwt` for these clients: runs right before a JWT access token is signed. */
export const cognitoAccessTokenShape =
  (clients: readonly IssuerClient[]) => (ctx: KoaContext, token: IssuedToken, jwt: StructuredToken) =>
    shape(clients, ctx, token, jwt);

async function shape(
  clients: readonly IssuerClient[],
  ctx: KoaContext,
  token: IssuedToken,
  jwt: StructuredToken,
) {
  const { payload } = jwt;
  // Cognito's header names only `kid` and `alg`; oidc-provider would add `typ: "at+jwt"`.
  jwt.header = { ...jwt.header, typ: undefined };
  payload.token_use = "access";
  payload.version = 2;
  // oidc-provider refuses a JWT access token without `aud`, which Cognito's lack; naming the client there
  // leaves API Gateway's verdict unchanged, since it matches `aud` against the same list of client ids.
  payload.aud = token.clientId;
  payload.authorization_details = undefined;

  if (token.kind === "ClientCredentials") {
    // Cognito grants a client every scope it allows when the request names none.
    const client = clients.find((c) => c.clientId === token.clientId);
    if (!payload.scope && client) payload.scope = client.allowedScopes.join(" ");
    payload.auth_time = payload.iat;
    return;
  }

  const person = token.accountId ? personById(token.accountId) : undefined;
  if (!person) return;
  payload.username = person.username;
  if (person.groups.length > 0) payload["cognito:groups"] = [...person.groups];
  // A person's token names every scope granted, the OpenID ones ("openid email profile") before the API's
  // (oidc-provider put those in `scope` already), all space-separated, as Cognito's does.
  const grant = token.grantId ? await ctx.oidc.provider.Grant.find(token.grantId) : undefined;
  const identityScopes = (grant?.getOIDCScope() ?? "")
    .split(" ")
    .filter((scope: string) => !isResourceScope(scope));
  const scope = [...identityScopes, payload.scope].filter(Boolean).join(" ");
  payload.scope = scope || undefined;
  // When the person signed in: kept on the code being exchanged, or on the refresh token being used.
  const { AuthorizationCode, RefreshToken } = ctx.oidc.entities;
  payload.auth_time = (AuthorizationCode ?? RefreshToken)?.authTime;
}
