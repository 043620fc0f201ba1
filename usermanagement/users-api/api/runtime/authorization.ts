// Who may change users, decided from what API Gateway's JWT authorizer passes on: every caller that reaches the
// function holds a verified token, so reading needs nothing more; creating, changing and deleting need an
// administrator (a person in the admins group) or a machine granted the write scope.

import type { Middleware } from "@aws-lambda-powertools/event-handler/types";
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { accessOf } from "../../../shared/runtime/access";
import { ProblemError } from "../../../shared/runtime/problem-details";

/** Methods that only read; every other method changes something. */
const READ_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

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
