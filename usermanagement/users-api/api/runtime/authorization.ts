// Who may change users, decided from what API Gateway's JWT authorizer passes on: every caller that reaches the
// function holds a verified token, so reading needs nothing more; creating, changing and deleting need an
// administrator (a person in the admins group) or a machine granted the write scope.

import type { Middleware } from "@aws-lambda-powertools/event-handler/types";
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { ADMINS_GROUP, WRITE_SCOPE } from "../../../shared/runtime/access";
import { ProblemError } from "../../../shared/runtime/problem-details";

/** Methods that only read; every other method changes something. */
const READ_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

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

/** Refuses a change by a caller who may only read, before the handler runs, so nothing is changed. */
export function requireWriteAccess(method: string, event: APIGatewayProxyEventV2): void {
  if (READ_METHODS.has(method.toUpperCase()) || accessOf(event).mayChangeUsers) return;
  throw new ProblemError(
    403,
    "forbidden",
    "Forbidden",
    `Only administrators may ${method.toUpperCase() === "DELETE" ? "delete" : "create or change"} users; you may read them.`,
  );
}

/**
 * Router middleware applying {@link requireWriteAccess} to every matched route. A request no route serves
 * passes through, so an unknown path or method still gets its 404 or 405.
 */
export const writeAccessMiddleware: Middleware = async ({ reqCtx, next }) => {
  if (reqCtx.route) requireWriteAccess(reqCtx.req.method, reqCtx.event as APIGatewayProxyEventV2);
  await next();
};
