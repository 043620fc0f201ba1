// Each API's routing, declared once: the route table both deploy and sandbox read, under the one prefix the
// distribution's viewer-request function keeps away from the site.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadViewerRequestFunction } from "../../../../sandbox/cloudfront/viewer-request";
import { CHATBOT_API_ROUTES } from "../../../../usermanagement/chatbot-api/nlp/runtime/routes";
import {
  API_PATH_PREFIX,
  httpApiRoutes,
  routeKey,
} from "../../../../usermanagement/shared/runtime/http-api-routes";
import { USERS_API_ROUTES } from "../../../../usermanagement/users-api/api/runtime/routes";
import { VIEWER_REQUEST_FUNCTION_FILE } from "../../../../usermanagement/users-ui/cdn/viewer-request";

describe("an HTTP API's routes", () => {
  it("are each declared method of a path plus ANY on it, so the function answers other methods with 405", () => {
    expect(httpApiRoutes(USERS_API_ROUTES.resources).map(routeKey)).toEqual([
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
