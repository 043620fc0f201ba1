// Who may change users, decided from what API Gateway's JWT authorizer passes on. Every caller that reaches a
// route holds a verified access token carrying the route's scope, so reading needs nothing more. Creating,
// changing and deleting need, for a person, membership of the admins group, and for a machine, the write scope:
// a person's token carries whatever scopes their app client asked for, so a scope never makes a person an admin.
import type { Middleware } from "@aws-lambda-powertools/event-handler/types";
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { ADMINS_GROUP, WRITE_SCOPE } from "../../../shared/runtime/access";
import { requireAccessToken, verifiedToken } from "../../../shared/runtime/access-token";
import { ProblemError } from "../../../shared/runtime/problem-details";
import { USERS_API_ROUTES } from "./routes";

/**
 * Who holds the token. Cognito names a person in `username` (only user sign-in flows issue one, and the SPA's
 * client is the pool's only client with such a flow); a client-credentials token has no `username` and names
 * its client as `sub`. Anything else is nobody this API knows.
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
 * Reads the caller's rights from the event. API Gateway renders a list claim as one string, `[a b]`, and
 * Cognito writes scopes space-separated in `scope`; a real list is accepted too, so a direct invocation or a
 * test with plain JSON claims is judged the same. Only an access token grants anything.
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

/** Whether a method changes users: the route table's own scope declaration says so. */
const changesUsers = (method: string) => USERS_API_ROUTES.scopes[method.toUpperCase()] === WRITE_SCOPE;

/**
 * Refuses, before the handler runs (so nothing is changed), anything but an access token (401), and a change by
 * a caller who may only read (403).
 */
export function requireAccess(method: string, event: APIGatewayProxyEventV2): void {
  requireAccessToken(event);
  if (!changesUsers(method) || accessOf(event).mayChangeUsers) return;
  throw new ProblemError(
    403,
    "forbidden",
    "Forbidden",
    `Only administrators may ${method.toUpperCase() === "DELETE" ? "delete" : "create or change"} users; you may read them.`,
  );
}

/**
 * Router middleware applying {@link requireAccess} to every matched route. A request no route serves passes
 * through, so an unknown path or method still gets its 404 or 405.
 */
export const authorizationMiddleware: Middleware = async ({ reqCtx, next }) => {
  if (reqCtx.route) requireAccess(reqCtx.req.method, reqCtx.event as APIGatewayProxyEventV2);
  await next();
};
