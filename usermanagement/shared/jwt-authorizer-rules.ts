// What API Gateway's JWT authorizer checks before any function runs, as one value: the CDK constructs configure
// the HTTP APIs' authorizers with it and the sandbox verifies tokens with it, so the two apply the same rules.

export interface JwtAuthorizerRules {
  /** The token's `iss` must equal this, and its keys are read from `<issuer>/.well-known/jwks.json`-style discovery. */
  readonly issuer: string;
  /** The token's `aud`, or when it has none its `client_id`, must be one of these (the app clients' ids). */
  readonly audience: readonly string[];
}

/** Where API Gateway looks for the token: `Authorization: Bearer <token>`. */
export const JWT_IDENTITY_SOURCE = "$request.header.Authorization";
