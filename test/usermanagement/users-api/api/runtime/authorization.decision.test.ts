// The Users API's decision before any handler runs, method by method and caller by caller, without DynamoDB:
// which requests pass, and the exact problem each refusal answers with (the end-to-end cases, through the real
// handler and table, are in authorization.test.ts).
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { describe, expect, it, vi } from "vitest";
import { ProblemError } from "../../../../../usermanagement/shared/runtime/problem-details";
import {
  authorizationMiddleware,
  requireAccess,
} from "../../../../../usermanagement/users-api/api/runtime/authorization";

const withClaims = (claims?: Record<string, unknown>) =>
  ({
    requestContext: claims ? { authorizer: { jwt: { claims, scopes: null } } } : {},
  }) as unknown as APIGatewayProxyEventV2;

const ADMIN = withClaims({ token_use: "access", username: "ada", "cognito:groups": "[admins]" });
const VIEWER = withClaims({ token_use: "access", username: "bob", scope: "users-api/read users-api/write" });
const WRITER = withClaims({ token_use: "access", client_id: "m", sub: "m", scope: "users-api/write" });
const READER = withClaims({ token_use: "access", client_id: "m", sub: "m", scope: "users-api/read" });
const ADMIN_ID_TOKEN = withClaims({
  token_use: "id",
  "cognito:username": "ada",
  "cognito:groups": "[admins]",
});

/** What requireAccess did: passed, or the problem it threw. */
function outcome(method: string, event: APIGatewayProxyEventV2) {
  try {
    requireAccess(method, event);
    return "passes";
  } catch (error) {
    if (!(error instanceof ProblemError)) throw error;
    return { ...error.problem, headers: error.headers };
  }
}

const changeRefused = (verb: string) => ({
  type: "tag:usermanagement,2026:forbidden",
  title: "Forbidden",
  status: 403,
  detail: `Only administrators may ${verb} users; you may read them.`,
  errors: undefined,
  headers: {},
});

describe("who may do what", () => {
  it.each([
    ["GET", ADMIN],
    ["GET", VIEWER],
    ["GET", READER],
    ["GET", WRITER],
    ["POST", ADMIN],
    ["PATCH", ADMIN],
    ["PUT", WRITER],
    ["DELETE", WRITER],
    ["delete", ADMIN],
  ])("lets %s through for a caller who may", (method, caller) => {
    expect(outcome(method, caller)).toBe("passes");
  });

  it.each([
    ["POST", VIEWER, "create or change"],
    ["PATCH", VIEWER, "create or change"],
    ["PUT", READER, "create or change"],
    ["post", READER, "create or change"],
    ["DELETE", VIEWER, "delete"],
    ["delete", READER, "delete"],
  ])("refuses %s to a reader with 403, saying what only administrators may do", (method, caller, verb) => {
    expect(outcome(method, caller)).toEqual(changeRefused(verb));
  });

  it.each([
    ["an ID token", ADMIN_ID_TOKEN, "an ID token"],
    ["no token", withClaims(), "no access token"],
  ])("refuses a read with %s as 401 invalid_token, before asking about rights", (_case, event, carried) => {
    const refused = outcome("GET", event);

    expect(refused).toMatchObject({
      status: 401,
      type: "tag:usermanagement,2026:invalid-token",
      title: "Not an access token",
      detail: `The request carries ${carried}; send the access token your sign-in returned, as \`Authorization: Bearer <token>\`.`,
      headers: {
        "www-authenticate": 'Bearer error="invalid_token", error_description="an access token is required"',
      },
    });
  });
});

describe("the router middleware", () => {
  const run = async (route: object | null, method: string, event: APIGatewayProxyEventV2) => {
    const next = vi.fn(async () => undefined);
    const middleware = authorizationMiddleware as unknown as (options: object) => Promise<void>;
    await middleware({ reqCtx: { route, req: { method }, event }, next });
    return next.mock.calls.length;
  };

  it("decides on a matched route, before the handler", async () => {
    expect(await run({ path: "/api/users" }, "GET", ADMIN)).toBe(1);
    await expect(run({ path: "/api/users" }, "POST", VIEWER)).rejects.toThrow(
      "Only administrators may create or change users; you may read them.",
    );
  });

  it("lets a request no route serves through, to its 404 or 405", async () => {
    expect(await run(null, "POST", VIEWER)).toBe(1);
  });
});
