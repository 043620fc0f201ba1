// Who may do what, defined once: the Cognito user pool and its resource server (CDK), the sandbox's OpenID
// issuer, the Users API's authorization and the Chatbot API's dialog all read these names and this rule.
import type { APIGatewayProxyEventV2 } from "aws-lambda";

/** The group whose members may change users; every other signed-in person only reads. */
export const ADMINS_GROUP = "admins";

/** The resource server machine clients are granted scopes on (Cognito prefixes each scope with it). */
export const RESOURCE_SERVER_IDENTIFIER = "users-api";

/** Scope of a machine client that may only read users and chat. */
export const READ_SCOPE = `${RESOURCE_SERVER_IDENTIFIER}/read`;

/** Scope of a machine client that may also create, change and delete users. */
export const WRITE_SCOPE = `${RESOURCE_SERVER_IDENTIFIER}/write`;

/** The part of `requestContext.authorizer` a JWT authorizer fills (payload format 2.0). */
interface JwtAuthorizerValue {
  readonly jwt?: {
    readonly claims?: Readonly<Record<string, unknown>>;
    readonly scopes?: readonly string[] | null;
  };
}

/** What the caller may do, as its token says. */
export interface Access {
  readonly mayChangeUsers: boolean;
}

/**
 * Reads the caller's rights from the event. API Gateway renders a list claim as one string, `[a b]`, and
 * Cognito writes scopes space-separated in `scope`; a real list is accepted too, so a direct invocation or a
 * test with plain JSON claims is judged the same.
 */
export function accessOf(event: APIGatewayProxyEventV2): Access {
  const jwt = (event.requestContext as { authorizer?: JwtAuthorizerValue }).authorizer?.jwt;
  const claims = jwt?.claims ?? {};
  const groups = listClaim(claims["cognito:groups"]);
  const scopes = [...listClaim(claims.scope), ...(jwt?.scopes ?? [])];
  return { mayChangeUsers: groups.includes(ADMINS_GROUP) || scopes.includes(WRITE_SCOPE) };
}

function listClaim(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value !== "string") return [];
  const inner = value.startsWith("[") && value.endsWith("]") ? value.slice(1, -1) : value;
  return inner.split(/\s+/).filter(Boolean);
}
