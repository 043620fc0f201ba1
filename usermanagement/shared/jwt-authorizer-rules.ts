// What API Gateway's JWT authorizer checks before any function runs, as one value: the CDK constructs configure
// the HTTP APIs' authorizers with it and the sandbox verifies tokens with it, so the two apply the same rules.

export interface JwtAuthorizerRules {
  /** The token's `iss` must equal this, and its keys are read from `<issuer>/.well-known/jwks.json`-style discovery. */
  readonly issuer: string;
  /** The token's `aud`, or when it has none its `client_id`, must be one of these (the app clients' ids). */
  readonly audience: readonly string[];
  /**
   * A digest that changes whenever the issuer or an audience entry could have a new value (a replaced user pool
   * or app client). A stack that reads the rules through weak cross-stack references writes it into its template,
   * so that the next deployment re-reads them.
   * @default - none: the rules are literal values, or references CloudFormation follows by itself
   */
  readonly fingerprint?: string;
}

/** Where API Gateway looks for the token: `Authorization: Bearer <token>`. */
export const JWT_IDENTITY_SOURCE = "$request.header.Authorization";
