// The forms a request and its token may take, and API Gateway's verdict on each: how the Authorization header is
// spelled, which algorithm signed, `aud` or `client_id`, `scope` or `scp`, the exact second a token starts and
// stops being valid, and an issuer that cannot be reached. The expected answers are tables written from
// "Control access to HTTP APIs with JWT authorizers in API Gateway" (http-api-jwt-authorizer.html), its
// troubleshooting page (http-api-troubleshooting-jwt.html) and the RFCs cited per row. A local issuer signs the
// tokens; its discovery document points at a key set in a data: URL, so nothing listens on a port.

import { exportJWK, generateKeyPair, type JWTPayload, SignJWT } from "jose";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createJwtAuthorizer, type JwtAuthorizer } from "../../../sandbox/api-gateway/jwt-authorizer";
import { refusal } from "../../support/jwt-authorizer-refusal";

const ISSUER = "https://issuer.example.test";
const AUDIENCE = ["users-ui", "machine-client"];
/** The second every test's clock starts at (2027-01-15T08:00:00Z). */
const NOW = 1_800_000_000;
const RSA_ALGORITHMS = ["RS256", "RS384", "RS512"] as const;

type SigningAlgorithm = (typeof RSA_ALGORITHMS)[number] | "ES256";
const privateKeys = new Map<SigningAlgorithm, CryptoKey>();
let keySetUri: string;
beforeAll(async () => {
  const publicKeys = [];
  for (const alg of [...RSA_ALGORITHMS, "ES256"] as const) {
    const { privateKey, publicKey } = await generateKeyPair(alg);
    privateKeys.set(alg, privateKey);
    // The issuer publishes its RSA keys only; the ES256 key stands for a forger's.
    if (alg !== "ES256")
      publicKeys.push({ ...(await exportJWK(publicKey)), kid: `key-${alg}`, alg, use: "sig" });
  }
  keySetUri = `data:application/json,${encodeURIComponent(JSON.stringify({ keys: publicKeys }))}`;
});

/** The issuer's discovery document, at the one address API Gateway reads it from; `down` answers 503 instead. */
const issuerDiscovery = (state: { down: boolean } = { down: false }) =>
  (async (url: string | URL | Request) => {
    if (state.down) return new Response("Service Unavailable", { status: 503 });
    if (String(url) !== `${ISSUER}/.well-known/openid-configuration`)
      return new Response("", { status: 404 });
    return Response.json({ issuer: ISSUER, jwks_uri: keySetUri });
  }) as typeof fetch;

let authorize: JwtAuthorizer;
beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"], now: NOW * 1000 });
  authorize = createJwtAuthorizer({ issuer: ISSUER, audience: AUDIENCE }, { fetch: issuerDiscovery() });
});
afterEach(() => {
  vi.useRealTimers();
});

/**
 * A token of the local issuer: an hour-long machine token for `machine-client` unless `claims` say otherwise,
 * whose header names the issuer's key of `alg` unless `kid` names another (or, null, none).
 */
async function signed(
  claims: JWTPayload = {},
  alg: SigningAlgorithm = "RS256",
  kid: string | null = `key-${alg}`,
) {
  const key = privateKeys.get(alg);
  if (!key) throw new Error(`no ${alg} key`);
  return new SignJWT({
    iss: ISSUER,
    sub: "machine-client",
    client_id: "machine-client",
    scope: "users/read",
    iat: NOW - 60,
    exp: NOW + 3600,
    ...claims,
  })
    .setProtectedHeader(kid === null ? { alg } : { alg, kid })
    .sign(key);
}

describe("the identity source: the token alone or after Bearer", () => {
  // Accepted forms: the page's "only the token, or the token prefixed with Bearer"; the scheme's case does not
  // matter (RFC 9110 §11.1); one or more spaces follow it (RFC 6750 §2.1: "Bearer" 1*SP b64token); whitespace
  // around a field value is not part of it (RFC 9110 §5.5); the header's name has no case (RFC 9110 §5.1).
  it.each([
    ["the token alone", (token: string) => ({ authorization: token })],
    ["Bearer and the token", (token: string) => ({ authorization: `Bearer ${token}` })],
    ["bearer in lower case", (token: string) => ({ authorization: `bearer ${token}` })],
    ["BEARER in upper case", (token: string) => ({ authorization: `BEARER ${token}` })],
    ["two spaces after Bearer", (token: string) => ({ authorization: `Bearer  ${token}` })],
    ["whitespace around the value", (token: string) => ({ authorization: `  Bearer ${token}  ` })],
    ["the header named in capitals", (token: string) => ({ AUTHORIZATION: `Bearer ${token}` })],
    [
      "the header after other headers",
      (token: string) => ({ accept: "*/*", authorization: `Bearer ${token}` }),
    ],
    ["the header given as one value in a list", (token: string) => ({ authorization: [`Bearer ${token}`] })],
  ])("accepts %s", async (_form, headers) => {
    const token = await signed();

    expect(await authorize(headers(token))).toMatchObject({ ok: true });
  });

  // Repeated headers reach API Gateway joined with commas (payload format 2.0, http-api-develop-integrations-
  // lambda.html), which no token contains; Bearer is a scheme in front of the token, nowhere else.
  it.each([
    ["Bearer without a space before the token", (token: string) => `Bearer${token}`],
    ["Bearer placed inside the token", (token: string) => `${token.slice(0, 20)}Bearer ${token.slice(20)}`],
    ["two tokens after Bearer", (token: string) => `Bearer ${token} ${token}`],
  ])("refuses %s as a malformed token", async (_form, value) => {
    const token = await signed();

    expect(await authorize({ authorization: value(token) })).toEqual(refusal("the token is malformed"));
  });

  it.each([
    [
      "two Authorization headers with a token each",
      (token: string) => [`Bearer ${token}`, `Bearer ${token}`],
    ],
    ["a token and an empty second Authorization header", (token: string) => [`Bearer ${token}`, ""]],
  ])("refuses %s as a malformed token", async (_form, values) => {
    const token = await signed();

    expect(await authorize({ authorization: values(token) })).toEqual(refusal("the token is malformed"));
  });

  it("refuses Bearer alone as a request without a token", async () => {
    expect(await authorize({ authorization: "Bearer" })).toEqual(refusal());
  });

  it("ignores a token sent in any other header", async () => {
    expect(await authorize({ "x-authorization": `Bearer ${await signed()}` })).toEqual(refusal());
  });
});

describe("the signature: RSA only, with a key the issuer publishes under the token's kid", () => {
  it.each(RSA_ALGORITHMS)("accepts a token signed with %s", async (alg) => {
    expect(await authorize({ authorization: `Bearer ${await signed({}, alg)}` })).toMatchObject({ ok: true });
  });

  it("refuses a token signed with an elliptic-curve key (ES256)", async () => {
    const token = await signed({}, "ES256", "key-RS256");

    expect(await authorize({ authorization: `Bearer ${token}` })).toEqual(
      refusal("the token's signing algorithm is not allowed"),
    );
  });

  it("refuses a token whose kid names a key the issuer never published", async () => {
    const token = await signed({}, "RS256", "key-retired");

    expect(await authorize({ authorization: `Bearer ${token}` })).toEqual(
      refusal("the token's signing key is unknown"),
    );
  });

  it("refuses a token without a kid, though the issuer publishes a key of its algorithm", async () => {
    const token = await signed({}, "RS256", null);

    expect(await authorize({ authorization: `Bearer ${token}` })).toEqual(
      refusal("the token's signing key is unknown"),
    );
  });

  it("refuses a token whose kid names a key of another algorithm", async () => {
    const token = await signed({}, "RS256", "key-RS512");

    expect(await authorize({ authorization: `Bearer ${token}` })).toEqual(
      refusal("the token's signing key is unknown"),
    );
  });
});

describe("the audience: aud when the token has one, else client_id", () => {
  it.each([
    ["aud naming an audience entry", { aud: "users-ui" }],
    ["aud listing an audience entry among others", { aud: ["reporting", "users-ui"] }],
    ["no aud and an allowed client_id", { client_id: "machine-client" }],
  ])("accepts %s", async (_case, claims) => {
    expect(await authorize({ authorization: `Bearer ${await signed(claims)}` })).toMatchObject({ ok: true });
  });

  it.each([
    ["aud listing only other audiences", { aud: ["reporting", "billing"] }],
    ["no aud and another client_id", { client_id: "reporting" }],
    ["neither aud nor client_id", { client_id: undefined }],
  ])("refuses %s", async (_case, claims) => {
    expect(await authorize({ authorization: `Bearer ${await signed(claims)}` })).toEqual(
      refusal("the token does not have a valid audience"),
    );
  });
});

describe("the token's lifetime, to the second (RFC 7519 §4.1.4–4.1.6)", () => {
  const at = (second: number, milliseconds = 0) => vi.setSystemTime(second * 1000 + milliseconds);

  it("accepts a token until the second its exp names, and refuses it from then on, kept or not", async () => {
    const token = await signed({ exp: NOW + 10 });

    at(NOW + 9, 999);
    expect(await authorize({ authorization: `Bearer ${token}` })).toMatchObject({ ok: true });
    at(NOW + 10);
    expect(await authorize({ authorization: `Bearer ${token}` })).toEqual(refusal("the token has expired"));
  });

  it("refuses a token before the second its nbf names and accepts it from that second", async () => {
    const token = await signed({ nbf: NOW + 10 });

    at(NOW + 9, 999);
    expect(await authorize({ authorization: `Bearer ${token}` })).toEqual(
      refusal("the token is not valid yet"),
    );
    at(NOW + 10);
    expect(await authorize({ authorization: `Bearer ${token}` })).toMatchObject({ ok: true });
  });

  it("refuses a token before the second its iat names and accepts it from that second", async () => {
    const token = await signed({ iat: NOW + 10 });

    at(NOW + 9, 999);
    expect(await authorize({ authorization: `Bearer ${token}` })).toEqual(
      refusal("the token was issued in the future"),
    );
    at(NOW + 10);
    expect(await authorize({ authorization: `Bearer ${token}` })).toMatchObject({ ok: true });
  });

  it.each(["exp", "nbf", "iat"])("refuses a token whose %s is not a number of seconds", async (claim) => {
    const token = await signed({ [claim]: "tomorrow" });

    expect(await authorize({ authorization: `Bearer ${token}` })).toEqual(
      refusal(`the token has an invalid ${claim} claim`),
    );
  });
});

describe("route scopes: the token needs one of them in scope or scp", () => {
  const scopesOf = async (claims: JWTPayload, routeScopes: string[]) =>
    authorize({ authorization: `Bearer ${await signed(claims)}` }, routeScopes);

  it.each([
    [
      "scope, space-separated",
      { scope: "users/read users/write" },
      ["users/write"],
      ["users/read", "users/write"],
    ],
    [
      "scope with stray whitespace",
      { scope: " users/read\t users/write " },
      ["users/read"],
      ["users/read", "users/write"],
    ],
    ["scp as a list", { scope: undefined, scp: ["users/read"] }, ["users/read"], ["users/read"]],
    [
      "scp as text",
      { scope: undefined, scp: "users/read  users/write " },
      ["users/write"],
      ["users/read", "users/write"],
    ],
  ])(
    "passes with %s holding one of the route's scopes, listing the token's",
    async (_form, claims, route, listed) => {
      expect(await scopesOf(claims, route)).toMatchObject({ ok: true, context: { jwt: { scopes: listed } } });
    },
  );

  it.each([
    ["a scope the route does not require", { scope: "users/read" }],
    ["no scope at all", { scope: undefined }],
    ["a scope that only contains a required one", { scope: "users/write-all" }],
  ])("answers 403 to a token with %s, naming the route's scopes in the challenge", async (_case, claims) => {
    expect(await scopesOf(claims, ["users/write", "users/admin"])).toEqual({
      ok: false,
      response: {
        statusCode: 403,
        headers: {
          "content-type": "application/json",
          "www-authenticate":
            'Bearer scope="users/write users/admin" error="insufficient_scope" error_description="the token does not have the required scopes"',
        },
        body: '{"message":"Forbidden"}',
      },
    });
  });
});

describe("an issuer that cannot be reached", () => {
  it("fails the request instead of blaming the token, and reads the discovery document again next time", async () => {
    const issuer = { down: true };
    const authorizeLater = createJwtAuthorizer(
      { issuer: ISSUER, audience: AUDIENCE },
      { fetch: issuerDiscovery(issuer) },
    );
    const token = await signed();

    await expect(authorizeLater({ authorization: `Bearer ${token}` })).rejects.toThrow(
      "The issuer's discovery document answered 503",
    );
    issuer.down = false;
    expect(await authorizeLater({ authorization: `Bearer ${token}` })).toMatchObject({ ok: true });
  });
});
