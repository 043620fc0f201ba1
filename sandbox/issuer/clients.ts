// The app clients the sandbox's issuer serves, described as a Cognito user pool client is (AWS::Cognito::
// UserPoolClient: its id, its secret, AllowedOAuthFlows, AllowedOAuthScopes, CallbackURLs, LogoutURLs), and
// what oidc-provider makes of each.

/** The OAuth 2.0 grants a client may use: Cognito's `code` flow is the first two, `client_credentials` the last. */
export type GrantType = "authorization_code" | "refresh_token" | "client_credentials";

export interface IssuerClient {
  readonly clientId: string;
  /**
   * The client's secret, for a confidential client (a machine).
   * @default - a public client: no secret, PKCE required
   */
  readonly clientSecret?: string;
  readonly grantTypes: readonly GrantType[];
  /**
   * The scopes the client may be granted (AllowedOAuthScopes). Asking for any other, known to the issuer or not,
   * is refused with `invalid_scope`; a client-credentials request that names none gets all of them.
   */
  readonly allowedScopes: readonly string[];
  /**
   * Where a sign-in may return (CallbackURLs), exactly as registered.
   * @default [] - no sign-in through the browser
   */
  readonly redirectUris?: readonly string[];
  /**
   * Where a sign-out may return (LogoutURLs).
   * @default the redirect URIs
   */
  readonly logoutUris?: readonly string[];
}

/**
 * The scopes of OpenID Connect and Cognito's own, which ask for claims about the person; every other scope is a
 * resource server's, like `users-api/read`, and goes into the access token's `scope` for the API to require.
 */
const IDENTITY_SCOPES = new Set(["openid", "email", "profile", "phone", "aws.cognito.signin.user.admin"]);

export const isResourceScope = (scope: string) => !IDENTITY_SCOPES.has(scope);

/** The client as oidc-provider's client metadata (RFC 7591 names), with `scope` as its allow list. */
export function providerClientMetadata(client: IssuerClient): Record<string, unknown> {
  const redirectUris = client.redirectUris ?? [];
  return {
    client_id: client.clientId,
    ...(client.clientSecret === undefined
      ? { token_endpoint_auth_method: "none" }
      : { client_secret: client.clientSecret }),
    grant_types: [...client.grantTypes],
    response_types: client.grantTypes.includes("authorization_code") ? ["code"] : [],
    redirect_uris: [...redirectUris],
    post_logout_redirect_uris: [...(client.logoutUris ?? redirectUris)],
    scope: client.allowedScopes.join(" "),
  };
}

/** The origins a client's browser pages run at (its redirect URIs'), which may call the issuer (CORS). */
export function browserOrigins(client: IssuerClient): string[] {
  return [...new Set((client.redirectUris ?? []).map((uri) => new URL(uri).origin))];
}
