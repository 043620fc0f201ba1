// Talks to the sandbox's OpenID issuer over HTTP the way its clients do: a machine's client-credentials grant,
// and a person's sign-in through the issuer's own page (authorization code + PKCE), cookies kept by hand.
import { createHash, randomBytes } from "node:crypto";
import { SPA_CLIENT_ID } from "../../sandbox/issuer/accounts";
import { READ_SCOPE, WRITE_SCOPE } from "../../usermanagement/shared/runtime/access";

/** What the SPA asks for at sign-in (its config.json's `scope`): who the person is, and both API scopes. */
const SPA_SCOPE = `openid email profile ${READ_SCOPE} ${WRITE_SCOPE}`;

export interface TokenResponse {
  readonly status: number;
  readonly headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary token-response fields
  readonly json: any;
}

/** `POST /token` with `grant_type=client_credentials`, the client authenticating with HTTP Basic. */
export async function clientCredentials(
  issuerUrl: string,
  clientId: string,
  clientSecret: string,
  scope?: string,
): Promise<TokenResponse> {
  const body = new URLSearchParams({ grant_type: "client_credentials", ...(scope ? { scope } : {}) });
  const response = await fetch(`${issuerUrl}/token`, {
    method: "POST",
    headers: {
      authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString("base64")}`,
      "content-type": "application/x-www-form-urlencoded",
    },
    body,
  });
  return { status: response.status, headers: response.headers, json: await response.json() };
}

/** A browser-like session with the issuer: follows redirects by hand and keeps its cookies. */
export class IssuerSession {
  readonly #cookies = new Map<string, string>();

  constructor(readonly issuerUrl: string) {}

  async fetch(url: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set("cookie", [...this.#cookies].map(([name, value]) => `${name}=${value}`).join("; "));
    const response = await fetch(new URL(url, this.issuerUrl), { ...init, headers, redirect: "manual" });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(";");
      const at = pair.indexOf("=");
      this.#cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
    return response;
  }

  /**
   * Starts the SPA's sign-in, asking for `scope`; answers where the issuer sent the browser (its sign-in page, or
   * back to the client with an error) and what the code exchange needs.
   */
  async startSignIn(redirectUri: string, scope = SPA_SCOPE) {
    const verifier = randomBytes(32).toString("base64url");
    const url = new URL(`${this.issuerUrl}/auth`);
    for (const [name, value] of Object.entries({
      client_id: SPA_CLIENT_ID,
      redirect_uri: redirectUri,
      response_type: "code",
      scope,
      code_challenge: createHash("sha256").update(verifier).digest("base64url"),
      code_challenge_method: "S256",
      state: randomBytes(8).toString("hex"),
    }))
      url.searchParams.set(name, value);
    const response = await this.fetch(url.href);
    const signInPage = new URL(response.headers.get("location") ?? "", this.issuerUrl).href;
    return { status: response.status, signInPage, verifier, redirectUri };
  }

  /** Submits the sign-in form; answers the page's HTML when it is shown again, or where the browser ends up. */
  async submitSignIn(signInPage: string, username: string, password: string) {
    let response = await this.fetch(`${signInPage}/login`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ username, password }),
    });
    if (response.status === 200) return { html: await response.text(), redirectedTo: undefined };
    let location = "";
    for (let hop = 0; hop < 10 && response.status >= 300 && response.status < 400; hop++) {
      location = new URL(response.headers.get("location") ?? "", this.issuerUrl).href;
      if (!location.startsWith(this.issuerUrl)) break;
      response = await this.fetch(location);
    }
    return { html: undefined, redirectedTo: new URL(location) };
  }

  /** Signs a person in through the issuer's page and exchanges the code, as the SPA does. */
  async signIn(
    redirectUri: string,
    username: string,
    password: string,
    options: { origin?: string; scope?: string } = {},
  ): Promise<TokenResponse> {
    const { origin, scope } = options;
    const { signInPage, verifier } = await this.startSignIn(redirectUri, scope);
    const { redirectedTo } = await this.submitSignIn(signInPage, username, password);
    const code = redirectedTo?.searchParams.get("code");
    if (!code) throw new Error(`Sign-in as ${username} did not return a code`);
    const response = await fetch(`${this.issuerUrl}/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", ...(origin ? { origin } : {}) },
      body: new URLSearchParams({
        grant_type: "authorization_code",
        code,
        redirect_uri: redirectUri,
        client_id: SPA_CLIENT_ID,
        code_verifier: verifier,
      }),
    });
    return { status: response.status, headers: response.headers, json: await response.json() };
  }
}
