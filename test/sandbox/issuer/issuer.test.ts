// The sandbox's OpenID issuer, over HTTP: the tokens its machine clients and people get, and its sign-in page.
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningIssuer, startIssuer } from "../../../sandbox/issuer/issuer";
import { ADMINS_GROUP, READ_SCOPE, WRITE_SCOPE } from "../../../usermanagement/shared/runtime/access";
import { clientCredentials, IssuerSession } from "../../support/issuer-client";
import { issuerClients } from "../../support/sandbox-assembly";

const UI_URL = "http://127.0.0.1:3999";
let issuer: RunningIssuer;
beforeAll(async () => {
  issuer = await startIssuer({ clients: issuerClients(UI_URL), accessTokenTtlSeconds: 300 });
});
afterAll(() => issuer?.stop());

/** The token's payload, its signature checked against the issuer's published keys. */
async function verified(token: string) {
  const discovery = await (await fetch(`${issuer.url}/.well-known/openid-configuration`)).json();
  const { payload } = await jwtVerify(token, createRemoteJWKSet(new URL(discovery.jwks_uri)), {
    issuer: issuer.url,
    algorithms: ["RS256"],
  });
  return payload;
}

describe("discovery", () => {
  it("publishes its endpoints at <issuer>/.well-known/openid-configuration, the SPA's origin allowed to read it", async () => {
    const response = await fetch(`${issuer.url}/.well-known/openid-configuration`, {
      headers: { origin: UI_URL },
    });

    expect(response.status).toBe(200);
    expect(response.headers.get("access-control-allow-origin")).toBe(UI_URL);
    const discovery = await response.json();
    expect(discovery).toMatchObject({
      issuer: issuer.url,
      token_endpoint: `${issuer.url}/token`,
      authorization_endpoint: `${issuer.url}/auth`,
    });
    expect(discovery.jwks_uri).toMatch(new RegExp(`^${issuer.url}/`));
    expect(discovery.end_session_endpoint).toMatch(new RegExp(`^${issuer.url}/`));
  });

  it("gives the JWT authorizer its issuer and every client as audience", () => {
    expect(issuer.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(issuer.rules).toEqual({
      issuer: issuer.url,
      audience: ["users-ui", "sandbox-admin-client", "sandbox-viewer-client"],
    });
  });
});

describe("its port", () => {
  it("refuses to start on a port already in use, naming ISSUER_PORT", async () => {
    const port = Number(new URL(issuer.url).port);

    await expect(startIssuer({ clients: issuerClients(UI_URL), port })).rejects.toThrow(
      `Port ${port} is already in use: stop what uses it or set ISSUER_PORT to another port.`,
    );
  });
});

describe("client-credentials grant", () => {
  it("gives the admin machine client a Cognito-shaped RS256 access token with both scopes when it names none", async () => {
    const response = await clientCredentials(issuer.url, "sandbox-admin-client", "sandbox-admin-secret");

    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({ token_type: "Bearer", expires_in: 300 });
    const token = response.json.access_token;
    expect(decodeProtectedHeader(token)).toEqual({ alg: "RS256", kid: expect.any(String) });
    const payload = await verified(token);
    expect(payload).toMatchObject({
      iss: issuer.url,
      sub: "sandbox-admin-client",
      client_id: "sandbox-admin-client",
      token_use: "access",
      scope: `${READ_SCOPE} ${WRITE_SCOPE}`,
      jti: expect.any(String),
    });
    expect(payload.exp).toBe((payload.iat ?? 0) + 300);
    expect(payload).not.toHaveProperty("username");
  });

  it("accepts the client's credentials in the body as well as in HTTP Basic", async () => {
    const response = await fetch(`${issuer.url}/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "client_credentials",
        client_id: "sandbox-viewer-client",
        client_secret: "sandbox-viewer-secret",
      }),
    });

    expect(response.status).toBe(200);
    expect(await verified((await response.json()).access_token)).toMatchObject({ scope: READ_SCOPE });
  });

  it("narrows the token to the scope asked for", async () => {
    const response = await clientCredentials(
      issuer.url,
      "sandbox-admin-client",
      "sandbox-admin-secret",
      READ_SCOPE,
    );

    expect(await verified(response.json.access_token)).toMatchObject({ scope: READ_SCOPE });
  });

  it("refuses the viewer client the write scope", async () => {
    const response = await clientCredentials(
      issuer.url,
      "sandbox-viewer-client",
      "sandbox-viewer-secret",
      WRITE_SCOPE,
    );

    expect(response.status).toBe(400);
    expect(response.json.error).toBe("invalid_scope");
  });

  it("refuses a wrong secret", async () => {
    const response = await clientCredentials(issuer.url, "sandbox-admin-client", "not-the-secret");

    expect(response.status).toBe(401);
    expect(response.json.error).toBe("invalid_client");
  });
});

describe("signing in through the issuer's page", () => {
  it("shows a sign-in form with labelled fields and no inline script", async () => {
    const session = new IssuerSession(issuer.url);
    const { signInPage } = await session.startSignIn(`${UI_URL}/`);

    const html = await (await session.fetch(signInPage)).text();

    expect(html).toContain("<h1>");
    expect(html).toMatch(/<label for="username">[^<]+<\/label>\s*<input id="username"/);
    expect(html).toMatch(/<label for="password">[^<]+<\/label>\s*<input id="password"[^>]*type="password"/);
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)/);
  });

  it("says so when the password is wrong, and keeps the username", async () => {
    const session = new IssuerSession(issuer.url);
    const { signInPage } = await session.startSignIn(`${UI_URL}/`);

    const { html } = await session.submitSignIn(signInPage, "admin", "wrong-password");

    expect(html).toMatch(/role="alert"[^>]*>Incorrect username or password\./);
    expect(html).toContain('value="admin"');
  });

  it("gives the admin an access token with username and cognito:groups, a refresh token, and CORS for the SPA", async () => {
    const response = await new IssuerSession(issuer.url).signIn(`${UI_URL}/`, "admin", "admin-password", {
      origin: UI_URL,
    });

    expect(response.status).toBe(200);
    expect(response.headers.get("access-control-allow-origin")).toBe(UI_URL);
    expect(response.json.refresh_token).toEqual(expect.any(String));
    expect(await verified(response.json.access_token)).toMatchObject({
      client_id: "users-ui",
      token_use: "access",
      username: "admin",
      "cognito:groups": [ADMINS_GROUP],
      scope: `openid email profile ${READ_SCOPE} ${WRITE_SCOPE}`,
      auth_time: expect.any(Number),
    });
  });

  it("gives an ID token marked token_use id, with the person's Cognito claims and no scope", async () => {
    const response = await new IssuerSession(issuer.url).signIn(`${UI_URL}/`, "admin", "admin-password");

    const idToken = await verified(response.json.id_token);
    expect(idToken).toMatchObject({
      aud: "users-ui",
      token_use: "id",
      "cognito:username": "admin",
      "cognito:groups": [ADMINS_GROUP],
    });
    expect(idToken).not.toHaveProperty("scope");
  });

  it("gives the viewer an access token without groups, also when the SPA is at localhost", async () => {
    const uiAtLocalhost = UI_URL.replace("127.0.0.1", "localhost");
    const response = await new IssuerSession(issuer.url).signIn(
      `${uiAtLocalhost}/`,
      "viewer",
      "viewer-password",
    );

    const payload = await verified(response.json.access_token);
    expect(payload).toMatchObject({ username: "viewer", token_use: "access" });
    expect(payload).not.toHaveProperty("cognito:groups");
  });

  it("renews the access token with the refresh token", async () => {
    const signedIn = await new IssuerSession(issuer.url).signIn(`${UI_URL}/`, "admin", "admin-password");

    const response = await fetch(`${issuer.url}/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "refresh_token",
        refresh_token: signedIn.json.refresh_token,
        client_id: "users-ui",
      }),
    });

    expect(response.status).toBe(200);
    const renewed = await response.json();
    expect(renewed.access_token).not.toBe(signedIn.json.access_token);
    expect(await verified(renewed.access_token)).toMatchObject({
      username: "admin",
      "cognito:groups": [ADMINS_GROUP],
    });
  });

  it("answers a sign-in page whose session is gone with a page saying so, not an error", async () => {
    const response = await fetch(`${issuer.url}/interaction/no-such-interaction`);

    expect(response.status).toBe(400);
    expect(await response.text()).toContain("This sign-in page has expired.");
  });

  it("refuses a redirect URI that is not the sandbox UI's", async () => {
    const session = new IssuerSession(issuer.url);

    const { status } = await session.startSignIn("https://attacker.example/");

    expect(status).toBe(400);
  });
});

describe("scopes, granted as Cognito grants them", () => {
  it("gives a person's token only the scopes asked for, when the client may have them", async () => {
    const response = await new IssuerSession(issuer.url).signIn(`${UI_URL}/`, "viewer", "viewer-password", {
      scope: `openid ${READ_SCOPE}`,
    });

    expect(await verified(response.json.access_token)).toMatchObject({ scope: `openid ${READ_SCOPE}` });
  });

  it.each([
    ["a scope no resource server defines", `openid users-api/admin`],
    ["a scope the pool knows but the SPA's client is not allowed", "openid aws.cognito.signin.user.admin"],
  ])("sends the browser back to the client with error=invalid_scope for %s", async (_what, scope) => {
    const { status, signInPage: location } = await new IssuerSession(issuer.url).startSignIn(
      `${UI_URL}/`,
      scope,
    );

    expect(status).toBe(303);
    const back = new URL(location);
    expect(back.origin + back.pathname).toBe(`${UI_URL}/`);
    expect(back.searchParams.get("error")).toBe("invalid_scope");
    expect(back.searchParams.get("state")).toEqual(expect.any(String));
  });

  it("refuses a machine client a scope no resource server defines", async () => {
    const response = await clientCredentials(
      issuer.url,
      "sandbox-admin-client",
      "sandbox-admin-secret",
      `${READ_SCOPE} users-api/admin`,
    );

    expect(response.status).toBe(400);
    expect(response.json.error).toBe("invalid_scope");
  });
});

describe("repeated wrong passwords", () => {
  let clock: number;
  let lockingIssuer: RunningIssuer;
  beforeAll(async () => {
    clock = Date.parse("2026-11-30T07:00:00Z");
    lockingIssuer = await startIssuer({ clients: issuerClients(UI_URL), now: () => clock });
  });
  afterAll(() => lockingIssuer?.stop());

  const attempt = async (password: string) => {
    const session = new IssuerSession(lockingIssuer.url);
    const { signInPage } = await session.startSignIn(`${UI_URL}/`);
    return session.submitSignIn(signInPage, "viewer", password);
  };

  it("lock the account after the fifth, even against the right password, for a second that then doubles", async () => {
    for (let failure = 1; failure <= 5; failure++) {
      expect((await attempt("wrong-password")).html).toContain("Incorrect username or password.");
    }

    const locked = await attempt("viewer-password");
    expect(locked.html).toMatch(/role="alert"[^>]*>Password attempts exceeded\./);

    clock += 1_000;
    expect((await attempt("wrong-password")).html).toContain("Incorrect username or password.");
    clock += 1_000;
    expect((await attempt("viewer-password")).html).toContain("Password attempts exceeded.");
    clock += 1_000;
    const signedIn = await attempt("viewer-password");
    expect(signedIn.redirectedTo?.searchParams.get("code")).toEqual(expect.any(String));
  });
});

describe("the issuer's own pages", () => {
  const csp = (response: Response) => response.headers.get("content-security-policy") ?? "";

  it("each carry the strict CSP: sign-in, its errors, an expired sign-in, an error, sign-out and signed-out", async () => {
    const session = new IssuerSession(issuer.url);
    const { signInPage } = await session.startSignIn(`${UI_URL}/`);
    const pages: Record<string, Response> = {
      "sign-in": await session.fetch(signInPage),
      "wrong password": await session.fetch(`${signInPage}/login`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ username: "admin", password: "wrong" }),
      }),
      "expired sign-in": await fetch(`${issuer.url}/interaction/no-such-interaction`),
      "refused request": await fetch(`${issuer.url}/auth?client_id=no-such-client&response_type=code`),
      "sign-out": await fetch(`${issuer.url}/session/end?client_id=users-ui`),
      "signed out": await fetch(`${issuer.url}/session/end/success`),
    };

    for (const [page, response] of Object.entries(pages)) {
      expect([page, response.headers.get("content-type")]).toEqual([
        page,
        expect.stringMatching(/^text\/html/),
      ]);
      expect([page, csp(response)]).toEqual([page, expect.stringContaining("default-src 'none'")]);
      expect([page, csp(response)]).toEqual([page, expect.stringContaining("frame-ancestors 'none'")]);
    }
  });
});
