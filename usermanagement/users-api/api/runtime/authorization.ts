// Who may change users, decided from what API Gateway's JWT authorizer passes on. Every caller that reaches a
// route holds a verified access token carrying the route's scope, so reading needs nothing more; the rule for
// creating, changing and deleting (a person's groups, a machine's scopes) is shared with the Chatbot API's dialog
// (shared/runtime/access.ts). Applied here before the handler runs, so a refused request changes nothing.
import type { Middleware } from "@aws-lambda-powertools/event-handler/types";
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { accessOf, WRITE_SCOPE } from "../../../shared/runtime/access";
import { requireAccessToken } from "../../../shared/runtime/access-token";
import { ProblemError } from "../../../shared/runtime/problem-details";
import { USERS_API_ROUTES } from "./routes";

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
