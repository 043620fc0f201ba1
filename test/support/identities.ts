// The callers tests act as: each one's access token in Cognito's shape, rendered into the
// `requestContext.authorizer` value API Gateway would hand the function for it.
import type { JWTPayload } from "jose";
import { type JwtAuthorizerContext, renderAuthorizerContext } from "../../sandbox/api-gateway/jwt-authorizer";
import { ADMINS_GROUP, READ_SCOPE, WRITE_SCOPE } from "../../usermanagement/shared/runtime/access";

const ISSUER = "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Example";
const issuedAt = 1_780_000_000;

/** A Cognito access token's payload; `overrides` adds or replaces claims. */
export function cognitoAccessToken(overrides: JWTPayload): JWTPayload {
  return {
    sub: "5f1c2b6e-0000-4000-8000-000000000000",
    iss: ISSUER,
    client_id: "users-ui",
    origin_jti: "0d8f6a2c-0000-4000-8000-000000000001",
    event_id: "3a4b5c6d-0000-4000-8000-000000000002",
    token_use: "access",
    // What the SPA's app client asks for, for everyone who signs in through it.
    scope: `openid email profile ${READ_SCOPE} ${WRITE_SCOPE}`,
    auth_time: issuedAt,
    exp: issuedAt + 3600,
    iat: issuedAt,
    jti: "7e8f9a0b-0000-4000-8000-000000000003",
    ...overrides,
  };
}

/** A person in the admins group, signed in through the SPA. */
export const ADMIN: JwtAuthorizerContext = renderAuthorizerContext(
  cognitoAccessToken({ username: "admin", "cognito:groups": [ADMINS_GROUP] }),
);

/** A person in no group: may read only, though their token carries the write scope the SPA asks for. */
export const VIEWER: JwtAuthorizerContext = renderAuthorizerContext(
  cognitoAccessToken({ username: "viewer" }),
);

/**
 * The admin's Cognito ID token, which API Gateway's authorizer verifies as readily as an access token when a
 * route requires no scope: `aud` is the SPA client, there is no `scope` and no `client_id`.
 */
export const ADMIN_ID_TOKEN: JwtAuthorizerContext = renderAuthorizerContext({
  sub: "5f1c2b6e-0000-4000-8000-000000000000",
  iss: ISSUER,
  aud: "users-ui",
  token_use: "id",
  "cognito:username": "admin",
  "cognito:groups": [ADMINS_GROUP],
  email: "admin@example.com",
  auth_time: issuedAt,
  exp: issuedAt + 3600,
  iat: issuedAt,
});

/** A machine client granted the write scope (client-credentials tokens carry no `username`). */
export const WRITE_MACHINE: JwtAuthorizerContext = renderAuthorizerContext(
  cognitoAccessToken({
    client_id: "sandbox-admin-client",
    sub: "sandbox-admin-client",
    scope: `${WRITE_SCOPE} ${READ_SCOPE}`,
  }),
);

/** A machine client granted the read scope only. */
export const READ_MACHINE: JwtAuthorizerContext = renderAuthorizerContext(
  cognitoAccessToken({ client_id: "sandbox-viewer-client", sub: "sandbox-viewer-client", scope: READ_SCOPE }),
);
