// The sandbox's stand-in for API Gateway's HTTP API JWT authorizer: it verifies the bearer token of a request
// before any handler runs, answers a refusal exactly as API Gateway does, and renders the verified claims into
// the `requestContext.authorizer` value API Gateway hands to the function.
//
// The rules, in API Gateway's own order ("Control access to HTTP APIs with JWT authorizers in API Gateway",
// https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-jwt-authorizer.html): the identity
// source holds the token, alone or prefixed with `Bearer `; only RSA algorithms; the key is the `kid` found at
// the issuer's `jwks_uri` (read from its discovery document); `iss` equals the issuer; `aud`, or `client_id`
// when the token has no `aud`, is one of the audience entries; `exp` after, `nbf` and `iat` before now; a
// route with authorization scopes needs one of them in `scope`/`scp`. jose does the cryptography.

import { createRemoteJWKSet, errors, type JWTPayload, type JWTVerifyGetKey, jwtVerify } from "jose";
import type { JwtAuthorizerRules } from "../../usermanagement/shared/jwt-authorizer-rules";

/**
 * What API Gateway puts at `event.requestContext.authorizer` after its JWT authorizer let a request through
 * (payload format 2.0): every claim as a string, and the token's scopes only for a route that requires some.
 */
export interface JwtAuthorizerContext {
  readonly jwt: {
    readonly claims: Readonly<Record<string, string>>;
    readonly scopes: readonly string[] | null;
  };
}

/** API Gateway's refusal, in the shape a Lambda integration's result has, so the sandbox answers it alike. */
export interface AuthorizerRefusal {
  readonly statusCode: 401 | 403;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export type AuthorizerDecision =
  | { readonly ok: true; readonly context: JwtAuthorizerContext }
  | { readonly ok: false; readonly response: AuthorizerRefusal };

export type HeaderValues = Readonly<Record<string, string | readonly string[] | undefined>>;

export type JwtAuthorizer = (
  headers: HeaderValues,
  /** The route's authorization scopes; none means any valid token will do. */
  routeScopes?: readonly string[],
) => Promise<AuthorizerDecision>;

/** Enough for every person and script using a sandbox at once; past it, the kept tokens are forgotten. */
const VERIFIED_TOKENS_KEPT = 1_000;

/** RSA only: "Currently, only RSA-based algorithms are supported" (the JWT authorizer page above). */
const RSA_ALGORITHMS = ["RS256", "RS384", "RS512"];

/**
 * Renders a verified payload as API Gateway renders it for payload format 2.0. Measured against Cognito-backed
 * HTTP APIs by others (a real event in DefinitelyTyped/DefinitelyTyped#75458; floci-io/floci#2011
 * "match measured JWT claim wire format"; aws-solutions-library-samples/guidance-for-claude-code-with-amazon-
 * bedrock#802): strings as they are, numbers and booleans as their text (`"exp": "1787996002"`), arrays as
 * `[a b]` (space-separated in brackets, not JSON), objects as JSON text, null claims left out; `scopes` is null
 * unless the route requires scopes (the same real event; aws/aws-lambda-go#317), when it lists the token's.
 */
export function renderAuthorizerContext(
  payload: JWTPayload,
  routeScopes: readonly string[] = [],
): JwtAuthorizerContext {
  const claims: Record<string, string> = {};
  for (const [name, value] of Object.entries(payload)) {
    if (value === null || value === undefined) continue;
    claims[name] = renderClaim(value);
  }
  return { jwt: { claims, scopes: routeScopes.length > 0 ? tokenScopes(payload) : null } };
}

function renderClaim(value: unknown): string {
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return `[${value.map(renderClaim).join(" ")}]`;
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/** The scopes a token grants: `scp` (a list) when present, else the space-separated `scope` (Cognito's form). */
function tokenScopes(payload: JWTPayload): string[] {
  const { scp, scope } = payload;
  if (Array.isArray(scp)) return scp.map(String);
  if (typeof scp === "string") return scp.split(/\s+/).filter(Boolean);
  return typeof scope === "string" ? scope.split(/\s+/).filter(Boolean) : [];
}

/**
 * API Gateway's 401: body `{"message":"Unauthorized"}` and a `www-authenticate` challenge. Its format,
 * `Bearer scope="" error="invalid_token" error_description="…"` (no commas), is the one AWS shows in
 * "Troubleshooting issues with HTTP API JWT authorizers" (http-api-troubleshooting-jwt.html), whose documented
 * description for a wrong audience is used word for word; "the token has expired" is the wording reported for
 * an expired token. AWS publishes no wording for the other failures, so they get plain descriptions of the
 * same style; a request with no token at all gets the bare scheme (RFC 6750 §3.1: no error code when the
 * request carried no credentials).
 */
export function unauthorized(errorDescription?: string): AuthorizerRefusal {
  return {
    statusCode: 401,
    headers: {
      "content-type": "application/json",
      "www-authenticate":
        errorDescription === undefined
          ? "Bearer"
          : `Bearer scope="" error="invalid_token" error_description="${errorDescription}"`,
    },
    body: JSON.stringify({ message: "Unauthorized" }),
  };
}

/**
 * A valid token lacking every scope the route requires: 403 `{"message":"Forbidden"}` as floci-io/floci#2011
 * measured; AWS documents no challenge for it, so this one follows RFC 6750 §3.1 in API Gateway's format.
 */
function forbidden(routeScopes: readonly string[]): AuthorizerRefusal {
  return {
    statusCode: 403,
    headers: {
      "content-type": "application/json",
      "www-authenticate": `Bearer scope="${routeScopes.join(" ")}" error="insufficient_scope" error_description="the token does not have the required scopes"`,
    },
    body: JSON.stringify({ message: "Forbidden" }),
  };
}

export interface JwtAuthorizerOptions {
  /** @default the global `fetch`, used for the issuer's discovery document */
  readonly fetch?: typeof fetch;
}

/** A verifier applying `rules` as API Gateway's JWT authorizer does. */
export function createJwtAuthorizer(
  rules: JwtAuthorizerRules,
  options: JwtAuthorizerOptions = {},
): JwtAuthorizer {
  const fetchDocument = options.fetch ?? fetch;
  let keys: Promise<ReturnType<typeof createRemoteJWKSet>> | undefined;
  // API Gateway finds the keys through the issuer's discovery document, not at a fixed path.
  const remoteKeys = () => {
    keys ??= (async () => {
      const response = await fetchDocument(`${rules.issuer}/.well-known/openid-configuration`);
      if (!response.ok) throw new Error(`The issuer's discovery document answered ${response.status}`);
      const { jwks_uri } = (await response.json()) as { jwks_uri: string };
      return createRemoteJWKSet(new URL(jwks_uri));
    })();
    // A failed look-up is retried on the next request instead of being remembered.
    keys.catch(() => {
      keys = undefined;
    });
    return keys;
  };

  // A token that passed verification passes it again until it expires: its signature and issuer cannot change,
  // and the time only moves past `nbf`. So a verified token's payload is kept and only `exp` checked again,
  // which spares an RSA verification per request (most of the authorizer's cost under load). The issuer's keys
  // never rotate while the sandbox runs, the one case where this would accept what API Gateway refuses.
  const verified = new Map<string, JWTPayload>();
  const verify = async (token: string): Promise<JWTPayload> => {
    const known = verified.get(token);
    if (known && (typeof known.exp !== "number" || known.exp > Date.now() / 1000)) return known;
    verified.delete(token);
    const keySet = await remoteKeys();
    // jose would pick the one key of the token's algorithm for a token without `kid`; API Gateway requires the
    // token's `kid` to name the key that signed it.
    const namedKey: JWTVerifyGetKey = (header, input) => {
      if (header.kid === undefined) throw new errors.JWKSNoMatchingKey();
      return keySet(header, input);
    };
    const { payload } = await jwtVerify(token, namedKey, {
      algorithms: RSA_ALGORITHMS,
      issuer: rules.issuer,
    });
    if (verified.size >= VERIFIED_TOKENS_KEPT) verified.clear();
    verified.set(token, payload);
    return payload;
  };

  return async (headers, routeScopes = []) => {
    const token = bearerToken(headers);
    if (token === undefined) return { ok: false, response: unauthorized() };
    let payload: JWTPayload;
    try {
      payload = await verify(token);
    } catch (error) {
      if (error instanceof errors.JOSEError) return { ok: false, response: unauthorized(describe(error)) };
      throw error;
    }
    if (!hasValidAudience(payload, rules.audience)) {
      return { ok: false, response: unauthorized("the token does not have a valid audience") };
    }
    if (typeof payload.iat === "number" && payload.iat > Date.now() / 1000) {
      return { ok: false, response: unauthorized("the token was issued in the future") };
    }
    if (routeScopes.length > 0 && !tokenScopes(payload).some((scope) => routeScopes.includes(scope))) {
      return { ok: false, response: forbidden(routeScopes) };
    }
    return { ok: true, context: renderAuthorizerContext(payload, routeScopes) };
  };
}

/** The token of the `Authorization` header: the value itself, or what follows `Bearer `. */
function bearerToken(headers: HeaderValues): string | undefined {
  const entry = Object.entries(headers).find(([name]) => name.toLowerCase() === "authorization")?.[1];
  const value = (typeof entry === "string" ? entry : entry?.join(","))?.trim();
  const token = value?.replace(/^bearer(\s+|$)/i, "");
  return token ? token : undefined;
}

/** `aud` decides when present; only a token without one is judged by its `client_id`. */
function hasValidAudience(payload: JWTPayload, audience: readonly string[]): boolean {
  if (payload.aud !== undefined) {
    const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
    return audiences.some((aud) => audience.includes(aud));
  }
  return typeof payload.client_id === "string" && audience.includes(payload.client_id);
}

function describe(error: InstanceType<typeof errors.JOSEError>): string {
  if (error instanceof errors.JWTExpired) return "the token has expired";
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === "iss") return "the token does not have a valid issuer";
    if (error.claim === "nbf" && error.reason === "check_failed") return "the token is not valid yet";
    return `the token has an invalid ${error.claim} claim`;
  }
  if (error instanceof errors.JOSEAlgNotAllowed) return "the token's signing algorithm is not allowed";
  if (error instanceof errors.JWKSNoMatchingKey) return "the token's signing key is unknown";
  if (error instanceof errors.JWSSignatureVerificationFailed) return "the token's signature is invalid";
  return "the token is malformed";
}
