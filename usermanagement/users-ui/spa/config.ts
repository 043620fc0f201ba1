// The SPA's deploy-time settings: the UI stack writes them as `config.json` beside index.html (values known only
// once the user pool exists), the sandbox serves the same file for its own issuer, and the SPA reads it at start.

export const SPA_CONFIG_PATH = "/config.json";

export interface SpaConfig {
  /** The OpenID issuer the SPA signs in with; its discovery document is at `<authority>/.well-known/openid-configuration`. */
  readonly authority: string;
  /** The SPA's app client (authorization code + PKCE, no secret). */
  readonly clientId: string;
  /** Scopes the SPA asks for, space-separated. */
  readonly scope: string;
  /**
   * Where sign-out ends the issuer's session, when its discovery document names no `end_session_endpoint`
   * (Cognito's doesn't: its managed login signs out at `https://<domain>/logout?client_id=…&logout_uri=…`).
   * @default the discovery document's `end_session_endpoint`
   */
  readonly signOutEndpoint?: string;
  /**
   * Where sign-out revokes the refresh token, when the discovery document names no `revocation_endpoint`
   * (Cognito's doesn't: its managed login revokes at `https://<domain>/oauth2/revoke`).
   * @default the discovery document's `revocation_endpoint`
   */
  readonly revocationEndpoint?: string;
}
