// The sandbox's JWT authorizer against the real sandbox issuer: API Gateway's verdict for good and bad tokens,
// its 401 answer, and the claims it hands the function.

import { decodeJwt, importJWK, type JWK, type JWTPayload, SignJWT, UnsecuredJWT } from "jose";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import {
  createJwtAuthorizer,
  type JwtAuthorizer,
  renderAuthorizerContext,
} from "../../../sandbox/api-gateway/jwt-authorizer";
import { sandboxClients } from "../../../sandbox/issuer/accounts";
import { generateSigningKey, type RunningIssuer, startIssuer } from "../../../sandbox/issuer/issuer";
import { READ_SCOPE, WRITE_SCOPE } from "../../../usermanagement/shared/runtime/access";
import { clientCredentials } from "../../support/issuer-client";
import { refusal } from "../../support/jwt-authorizer-refusal";

let issuer: RunningIssuer;
let issuerKey: JWK;
let authorize: JwtAuthorizer;
let adminClientToken: string;
beforeAll(async () => {
  issuerKey = await generateSigningKey();
  // The clients' scopes are written here, not read from the synthesized templates: these tests run under
  // `npm run mutation` too, once per mutant, where nothing is synthesized.
  const allowed = { spa: ["openid", READ_SCOPE, WRITE_SCOPE], machine: [READ_SCOPE, WRITE_SCOPE] };
  issuer = await startIssuer({
    clients: sandboxClients("http://127.0.0.1:3999", allowed),
    signingKey: issuerKey,
  });
  authorize = createJwtAuthorizer(issuer.rules);
  adminClientToken = (await clientCredentials(issuer.url, "sandbox-admin-client", "sandbox-admin-secret"))
    .json.access_token;
});
afterAll(() => issuer?.stop());
afterEach(() => {
  vi.useRealTimers();
});

/** A token signed with `key` (the issuer's own unless said otherwise), claims as a real one has them. */
async function signed(claims: JWTPayload, key: JWK = issuerKey, header: Record<string, unknown> = {}) {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({
    iss: issuer.url,
    sub: "sandbox-admin-client",
    client_id: "sandbox-admin-client",
    token_use: "access",
    scope: WRITE_SCOPE,
    iat: now,
    exp: now + 600,
    ...claims,
  })
    .setProtectedHeader({ alg: "RS256", kid: key.kid, ...header })
    .sign(await importJWK(key, "RS256"));
}

describe("a valid token", () => {
  it("passes with the claims rendered as API Gateway renders them and no scopes for a route that needs none", async () => {
    const decision = await authorize({ authorization: `Bearer ${adminClientToken}` });

    const payload = decodeJwt(adminClientToken);
    expect(decision).toEqual({
      ok: true,
      context: {
        jwt: {
          claims: expect.objectContaining({
            iss: issuer.url,
            client_id: "sandbox-admin-client",
            token_use: "access",
            scope: payload.scope,
            exp: String(payload.exp),
            iat: String(payload.iat),
          }),
          scopes: null,
        },
      },
    });
  });

  it("passes without the Bearer prefix, which API Gateway accepts too, whatever the header's case", async () => {
    const decision = await authorize({ Authorization: adminClientToken });

    expect(decision.ok).toBe(true);
  });

  it("lists the token's scopes for a route that requires one of them", async () => {
    const decision = await authorize({ authorization: `Bearer ${adminClientToken}` }, [WRITE_SCOPE]);

    // The token's order is the issuer's; jwt-authorizer.token-forms.test.ts pins that the list keeps it.
    expect(decision).toMatchObject({ ok: true });
    expect(decision.ok && [...(decision.context.jwt.scopes ?? [])].sort()).toEqual([READ_SCOPE, WRITE_SCOPE]);
  });

  it("is refused with 403 on a route requiring a scope it lacks", async () => {
    const viewerToken = (
      await clientCredentials(issuer.url, "sandbox-viewer-client", "sandbox-viewer-secret")
    ).json.access_token;

    const decision = await authorize({ authorization: `Bearer ${viewerToken}` }, [WRITE_SCOPE]);

    expect(decision).toMatchObject({
      ok: false,
      response: { statusCode: 403, body: '{"message":"Forbidden"}' },
    });
  });
});

describe("a bad token gets API Gateway's 401", () => {
  it("refuses a request without a token", async () => {
    expect(await authorize({})).toEqual(refusal());
  });

  it("refuses an empty Authorization header", async () => {
    expect(await authorize({ authorization: "Bearer " })).toEqual(refusal());
  });

  it("refuses a malformed token", async () => {
    expect(await authorize({ authorization: "Bearer not.a.jwt" })).toEqual(refusal("the token is malformed"));
  });

  it("refuses another scheme", async () => {
    const basic = `Basic ${Buffer.from("sandbox-admin-client:sandbox-admin-secret").toString("base64")}`;

    expect(await authorize({ authorization: basic })).toEqual(refusal("the token is malformed"));
  });

  it("refuses an expired token, one it let through while it was valid included", async () => {
    expect(await authorize({ authorization: `Bearer ${adminClientToken}` })).toMatchObject({ ok: true });
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 2 * 3600 * 1000 });

    expect(await authorize({ authorization: `Bearer ${adminClientToken}` })).toEqual(
      refusal("the token has expired"),
    );
  });

  it("refuses a token that is not valid yet", async () => {
    const token = await signed({ nbf: Math.floor(Date.now() / 1000) + 600 });

    expect(await authorize({ authorization: `Bearer ${token}` })).toEqual(
      refusal("the token is not valid yet"),
    );
  });

  it("refuses a token issued in the future", async () => {
    const token = await signed({});
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() - 300 * 1000 });

    expect(await authorize({ authorization: `Bearer ${token}` })).toEqual(
      refusal("the token was issued in the future"),
    );
  });

  it("refuses a token from another issuer", async () => {
    const token = await signed({ iss: "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Other" });

    expect(await authorize({ authorization: `Bearer ${token}` })).toEqual(
      refusal("the token does not have a valid issuer"),
    );
  });

  it("refuses a token for another audience (the issuer's own, verified against other app clients)", async () => {
    const otherApi = createJwtAuthorizer({ issuer: issuer.url, audience: ["users-ui"] });

    expect(await otherApi({ authorization: `Bearer ${adminClientToken}` })).toEqual(
      refusal("the token does not have a valid audience"),
    );
  });

  it("judges by aud when the token has one, even if its client_id is allowed", async () => {
    const token = await signed({ aud: "someone-else", client_id: "users-ui" });

    expect(await authorize({ authorization: `Bearer ${token}` })).toEqual(
      refusal("the token does not have a valid audience"),
    );
  });

  it('refuses an unsigned token (alg "none")', async () => {
    const token = new UnsecuredJWT(decodeJwt(adminClientToken)).encode();

    expect(await authorize({ authorization: `Bearer ${token}` })).toEqual(
      refusal("the token's signing algorithm is not allowed"),
    );
  });

  it("refuses a token signed with a foreign key that claims the issuer's key id", async () => {
    const foreignKey = { ...(await generateSigningKey()), kid: issuerKey.kid };

    const token = await signed({}, foreignKey);

    expect(await authorize({ authorization: `Bearer ${token}` })).toEqual(
      refusal("the token's signature is invalid"),
    );
  });

  it("refuses a token signed with a foreign key the issuer never published", async () => {
    const token = await signed({}, await generateSigningKey());

    expect(await authorize({ authorization: `Bearer ${token}` })).toEqual(
      refusal("the token's signing key is unknown"),
    );
  });

  it("refuses a token signed with a shared secret (HS256) instead of RSA", async () => {
    const token = await new SignJWT(decodeJwt(adminClientToken))
      .setProtectedHeader({ alg: "HS256", kid: issuerKey.kid })
      .sign(new TextEncoder().encode("a-secret-anyone-could-guess-000000"));

    expect(await authorize({ authorization: `Bearer ${token}` })).toEqual(
      refusal("the token's signing algorithm is not allowed"),
    );
  });
});

describe("renderAuthorizerContext", () => {
  it("renders numbers and booleans as text, lists in brackets, objects as JSON, and leaves absent claims out", () => {
    const context = renderAuthorizerContext({
      sub: "u-1",
      exp: 1787996002,
      email_verified: true,
      "cognito:groups": ["admins", "auditors"],
      address: { country: "JP" },
      nickname: null as unknown as string,
      given_name: undefined,
    });

    expect(context).toEqual({
      jwt: {
        claims: {
          sub: "u-1",
          exp: "1787996002",
          email_verified: "true",
          "cognito:groups": "[admins auditors]",
          address: '{"country":"JP"}',
        },
        scopes: null,
      },
    });
  });
});
