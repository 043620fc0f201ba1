// Signing the operator in and keeping them signed in, with oidc-client-ts (the OpenID client AWS's Cognito
// samples use): authorization code with PKCE, tokens kept in sessionStorage (gone with the tab), renewed with
// the refresh token before they expire and whenever an API answers 401. The same code signs in at Cognito and
// at the sandbox's issuer: only config.json differs.
import { type User, UserManager, WebStorageStateStore } from "oidc-client-ts";
import type { SpaConfig } from "../config";

/** Query parameters of an authorization response, removed from the address once handled. */
const CALLBACK_PARAMS = ["code", "state", "session_state", "iss", "error", "error_description", "error_uri"];

/** Where to come back to after signing in: the app's own path and query (its `?q=` search). */
interface ReturnTo {
  readonly returnTo: string;
}

export interface Session {
  /** The current access token. */
  accessToken(): string;
  /** The access token's claims, decoded for display only: the APIs verify the token themselves. */
  claims(): Readonly<Record<string, unknown>>;
  /** The ID token's claims, as oidc-client-ts read them at sign-in. */
  profile(): Readonly<Record<string, unknown>>;
  /** Renews the tokens with the refresh token; `undefined` when that is not possible any more. */
  renew(): Promise<string | undefined>;
  /** Sends the browser to the issuer's sign-in page, coming back to where it is now. */
  signInAgain(): Promise<void>;
  signOut(): Promise<void>;
}

export class SignInError extends Error {
  override name = "SignInError";
}

export function createUserManager(config: SpaConfig): UserManager {
  const home = `${window.location.origin}/`;
  return new UserManager({
    authority: config.authority,
    client_id: config.clientId,
    redirect_uri: home,
    post_logout_redirect_uri: home,
    response_type: "code",
    scope: config.scope,
    automaticSilentRenew: true,
    // A renewal that times out is not retried forever: the next API call's 401 leads to signing in again.
    maxSilentRenewTimeoutRetries: 0,
    userStore: new WebStorageStateStore({ store: window.sessionStorage }),
    // The PKCE verifier and state only have to last one redirect, in this tab.
    stateStore: new WebStorageStateStore({ store: window.sessionStorage }),
    // Sign-out revokes the refresh token first: otherwise it stays good for its whole lifetime (hours), to
    // whoever holds a copy, whatever the issuer's session. Cognito revokes refresh tokens only ("Revoking tokens":
    // the revocation endpoint takes a refresh token), and a failed revocation fails the sign-out, which says so.
    revokeTokensOnSignout: true,
    revokeTokenTypes: ["refresh_token"],
    // RFC 7009 has the client ignore a successful revocation's body, which some issuers (the sandbox's among
    // them) send as an empty text/plain; oidc-client-ts would refuse any type but JSON.
    revokeTokenAdditionalContentTypes: ["text/"],
    // Cognito's discovery document names neither end_session_endpoint nor revocation_endpoint; its managed
    // login signs out at /logout and revokes at /oauth2/revoke.
    metadataSeed: {
      ...(config.signOutEndpoint ? { end_session_endpoint: config.signOutEndpoint } : {}),
      ...(config.revocationEndpoint ? { revocation_endpoint: config.revocationEndpoint } : {}),
    },
  });
}

/**
 * Finishes a sign-in the issuer redirected back from, or picks up the one kept in this tab.
 * @returns the session, or `undefined` when the operator has to sign in
 * @throws SignInError when the issuer answered with an error or the answer could not be used
 */
export async function resumeSession(manager: UserManager, config: SpaConfig): Promise<Session | undefined> {
  let user = isAuthorizationResponse() ? await completeSignIn(manager) : await manager.getUser();
  if (user?.expired) user = await manager.signinSilent().catch(() => null);
  if (!user) {
    await manager.removeUser();
    return undefined;
  }
  return openSession(manager, config, user);
}

/** Starts the sign-in at the issuer; the browser leaves the page. */
export function signIn(manager: UserManager): Promise<void> {
  const state: ReturnTo = { returnTo: window.location.pathname + window.location.search };
  return manager.signinRedirect({ state });
}

function openSession(manager: UserManager, config: SpaConfig, signedIn: User): Session {
  let user = signedIn;
  manager.events.addUserLoaded((renewed) => {
    user = renewed;
  });
  let renewal: Promise<string | undefined> | undefined;
  return {
    accessToken: () => user.access_token,
    claims: () => decodeClaims(user.access_token),
    profile: () => user.profile,
    renew: () => {
      // Several calls failing at once share one renewal: a refresh token may be good for one use only.
      renewal ??= (user.refresh_token ? manager.signinSilent() : Promise.resolve(null))
        .then((renewed) => renewed?.access_token)
        .catch(() => undefined)
        .finally(() => {
          renewal = undefined;
        });
      return renewal;
    },
    signInAgain: () => signIn(manager),
    signOut: () =>
      manager.signoutRedirect(
        // Cognito's /logout takes the client and where to return as `client_id` and `logout_uri`.
        config.signOutEndpoint
          ? { extraQueryParams: { client_id: config.clientId, logout_uri: `${window.location.origin}/` } }
          : {},
      ),
  };
}

function isAuthorizationResponse(): boolean {
  const params = new URLSearchParams(window.location.search);
  return params.has("state") && (params.has("code") || params.has("error"));
}

async function completeSignIn(manager: UserManager): Promise<User> {
  const params = new URLSearchParams(window.location.search);
  const error = params.get("error_description") ?? params.get("error");
  try {
    if (error) throw new SignInError(`The sign-in did not complete: ${error}.`);
    const user = await manager.signinCallback();
    if (!user) throw new SignInError("The sign-in did not complete.");
    const { returnTo } = (user.state ?? {}) as Partial<ReturnTo>;
    history.replaceState(history.state, "", sameOriginPath(returnTo) ?? withoutCallbackParams());
    return user;
  } catch (failure) {
    history.replaceState(history.state, "", withoutCallbackParams());
    if (failure instanceof SignInError) throw failure;
    throw new SignInError(
      `The sign-in did not complete: ${failure instanceof Error ? failure.message : failure}.`,
    );
  }
}

/** The current address minus the authorization response, keeping the app's own query. */
function withoutCallbackParams(): string {
  const url = new URL(window.location.href);
  for (const name of CALLBACK_PARAMS) url.searchParams.delete(name);
  return url.pathname + url.search + url.hash;
}

/** `path` when it is a path of this origin, so a crafted state can't send the page elsewhere. */
function sameOriginPath(path: string | undefined): string | undefined {
  if (!path?.startsWith("/") || path.startsWith("//")) return undefined;
  return path;
}

/** A JWT's payload, decoded without verification: only for showing who is signed in. */
function decodeClaims(jwt: string): Record<string, unknown> {
  try {
    const payload = jwt.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
    const bytes = Uint8Array.from(atob(payload), (char) => char.charCodeAt(0));
    return JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
  } catch {
    return {};
  }
}
