// Each API's routing, declared once: the route table both deploy and sandbox read, under the one prefix the
// distribution's viewer-request function keeps away from the site.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadViewerRequestFunction } from "../../../../sandbox/cloudfront/viewer-request";
import { CHATBOT_API_ROUTES } from "../../../../usermanagement/chatbot-api/nlp/runtime/routes";
import { READ_SCOPE, WRITE_SCOPE } from "../../../../usermanagement/shared/runtime/access";
import {
  API_PATH_PREFIX,
  type HttpApiRoutes,
  httpApiRoutes,
  routeKey,
} from "../../../../usermanagement/shared/runtime/http-api-routes";
import { USERS_API_ROUTES } from "../../../../usermanagement/users-api/api/runtime/routes";
import { VIEWER_REQUEST_FUNCTION_FILE } from "../../../../usermanagement/users-ui/cdn/viewer-request";

describe("an HTTP API's routes", () => {
  it("are each declared method of a path plus ANY on it, so the function answers other methods with 405", () => {
    expect(httpApiRoutes(USERS_API_ROUTES).map(routeKey)).toEqual([
      "GET /api/users",
      "POST /api/users",
      "ANY /api/users",
      "GET /api/users/{username}",
      "PATCH /api/users/{username}",
      "PUT /api/users/{username}",
      "DELETE /api/users/{username}",
      "ANY /api/users/{username}",
    ]);
  });

  it("each require a scope: the read scope to read or chat, the write scope to change, either for ANY's 405", () => {
    const scopes = (routes: HttpApiRoutes) =>
      Object.fromEntries(httpApiRoutes(routes).map((route) => [routeKey(route), route.authorizationScopes]));

    expect(scopes(USERS_API_ROUTES)).toEqual({
      "GET /api/users": [READ_SCOPE],
      "POST /api/users": [WRITE_SCOPE],
      "ANY /api/users": [READ_SCOPE, WRITE_SCOPE],
      "GET /api/users/{username}": [READ_SCOPE],
      "PATCH /api/users/{username}": [WRITE_SCOPE],
      "PUT /api/users/{username}": [WRITE_SCOPE],
      "DELETE /api/users/{username}": [WRITE_SCOPE],
      "ANY /api/users/{username}": [READ_SCOPE, WRITE_SCOPE],
    });
    expect(scopes(CHATBOT_API_ROUTES)).toEqual({
      "POST /api/chat": [READ_SCOPE],
      "ANY /api/chat": [READ_SCOPE],
    });
  });

  it("refuse a method that declares no scope, so no route is ever left open to any token", () => {
    const unscoped: HttpApiRoutes = {
      pathPattern: "/api/things*",
      resources: [{ path: "/api/things", methods: ["GET", "DELETE"] }],
      scopes: { GET: READ_SCOPE },
    };

    expect(() => httpApiRoutes(unscoped)).toThrow("DELETE /api/things declares no authorization scope");
  });

  it("lie, with their behaviour's path pattern, under the API prefix", () => {
    for (const routes of [USERS_API_ROUTES, CHATBOT_API_ROUTES]) {
      expect(routes.pathPattern.startsWith(API_PATH_PREFIX), routes.pathPattern).toBe(true);
      for (const { path } of routes.resources) expect(path.startsWith(API_PATH_PREFIX), path).toBe(true);
    }
  });

  it("share that prefix with the viewer-request function, which answers any other path under it with 404", async () => {
    const viewerRequest = loadViewerRequestFunction(
      readFileSync(VIEWER_REQUEST_FUNCTION_FILE, "utf8"),
      "viewer-request",
    );
    const outcome = await viewerRequest(
      { method: "GET", url: `${API_PATH_PREFIX}unrouted`, headers: {} },
      "::1",
    );
    expect("respond" in outcome && outcome.respond.status).toBe(404);
    const site = await viewerRequest({ method: "GET", url: "/apiary", headers: {} }, "::1");
    expect("forward" in site && site.forward.uri).toBe("/index.html");
  });
});
