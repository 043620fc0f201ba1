// Who may do what, defined once: the Cognito user pool and its resource server (CDK), the sandbox's OpenID
// issuer, the routes' authorization scopes, the Users API's authorization and the Chatbot API's dialog all read
// these names and this rule.
import type { APIGatewayProxyEventV2 } from "aws-lambda";

/** The group whose members may change users; every other signed-in person only reads. */
export const ADMINS_GROUP = "admins";

/** The resource server the app clients are granted scopes on (Cognito prefixes each scope with it). */
export const RESOURCE_SERVER_IDENTIFIER = "users-api";

/** Scope every route that only reads requires: listing and reading users, and the chat. */
export const READ_SCOPE = `${RESOURCE_SERVER_IDENTIFIER}/read`;

/**
 * Scope every route that creates, changes or deletes users requires. On a machine's token it is the machine's
 * right to change users; on a person's token it only lets the request reach the Users API, which then asks the
 * person's groups (a person's token carries the scopes their app client asked for, whoever they are).
 */
export const WRITE_SCOPE = `${RESOURCE_SERVER_IDENTIFIER}/write`;

/** The part of `requestContext.authorizer` a JWT authorizer fills (payload format 2.0). */
interface JwtAuthorizerValue {
  readonly jwt?: {
    readonly claims?: Readonly<Record<string, unknown>>;
    readonly scopes?: readonly string[] | null;
  };
}

/** The verified token's claims and, for a route that requires scopes, its scopes, as API Gateway passes them. */
export function verifiedToken(event: APIGatewayProxyEventV2): {
  readonly claims: Readonly<Record<string, unknown>>;
  readonly scopes: readonly string[];
} {
  const jwt = (event.requestContext as { authorizer?: JwtAuthorizerValue } | undefined)?.authorizer?.jwt;
  return { claims: jwt?.claims ?? {}, scopes: jwt?.scopes ?? [] };
}

/**
 * Who holds the token. Cognito names a person in `username` (only user sign-in flows issue one, and the SPA's
 * client is the pool's only client with such a flow); a client-credentials token has no `username` and names
 * its client as `sub`. Anything else is nobody these APIs know.
 */
export type Caller =
  | { readonly kind: "person"; readonly username: string; readonly groups: readonly string[] }
  | { readonly kind: "machine"; readonly clientId: string; readonly scopes: readonly string[] }
  | { readonly kind: "unknown" };

/** What the caller may do, as its token says. */
export interface Access {
  readonly caller: Caller;
  readonly mayChangeUsers: boolean;
}

/**
 * Reads the caller's rights from the event: a person's from their groups (membership of `admins`), a machine's
 * from its scopes (`users-api/write`); a scope on a person's token never makes them an admin, and only an access
 * token grants anything. API Gateway renders a list claim as one string, `[a b]`, and Cognito writes scopes
 * space-separated in `scope`; a real list is accepted too, so a direct invocation or a test with plain JSON
 * claims is judged the same.
 */
export function accessOf(event: APIGatewayProxyEventV2): Access {
  const { claims, scopes } = verifiedToken(event);
  const caller = callerOf(claims, scopes);
  if (claims.token_use !== "access") return { caller, mayChangeUsers: false };
  switch (caller.kind) {
    case "person":
      return { caller, mayChangeUsers: caller.groups.includes(ADMINS_GROUP) };
    case "machine":
      return { caller, mayChangeUsers: caller.scopes.includes(WRITE_SCOPE) };
    default:
      return { caller, mayChangeUsers: false };
  }
}

function callerOf(claims: Readonly<Record<string, unknown>>, routeScopes: readonly string[]): Caller {
  const { username, sub, client_id: clientId } = claims;
  if (typeof username === "string" && username !== "") {
    return { kind: "person", username, groups: listClaim(claims["cognito:groups"]) };
  }
  if (typeof clientId === "string" && clientId !== "" && sub === clientId) {
    return { kind: "machine", clientId, scopes: [...new Set([...listClaim(claims.scope), ...routeScopes])] };
  }
  return { kind: "unknown" };
}

function listClaim(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value !== "string") return [];
  const inner = value.startsWith("[") && value.endsWith("]") ? value.slice(1, -1) : value;
  return inner.split(/\s+/).filter(Boolean);
}
