// The sandbox routes each request to a route of the API's route keys as API Gateway does.
import { describe, expect, it } from "vitest";
import { routeMatcher } from "../../../sandbox/api-gateway/route-matching";
import { httpApiRoutes, routeKey } from "../../../usermanagement/shared/runtime/http-api-routes";
import { USERS_API_ROUTES } from "../../../usermanagement/users-api/api/runtime/routes";

describe("matching a request to a route", () => {
  const match = routeMatcher(httpApiRoutes(USERS_API_ROUTES).map(routeKey));

  it("picks the method's own route, with its path parameters", () => {
    expect(match("GET", "/api/users")).toEqual({ routeKey: "GET /api/users" });
    expect(match("DELETE", "/api/users/alice")).toEqual({
      routeKey: "DELETE /api/users/{username}",
      pathParameters: { username: "alice" },
    });
  });

  it("falls back to the path's ANY route for a method the path does not declare", () => {
    expect(match("HEAD", "/api/users")).toEqual({ routeKey: "ANY /api/users" });
    expect(match("POST", "/api/users/alice")).toEqual({
      routeKey: "ANY /api/users/{username}",
      pathParameters: { username: "alice" },
    });
  });

  it("gives a path variable exactly one non-empty segment, as it arrives (decoded)", () => {
    expect(match("GET", "/api/users/a b")?.pathParameters).toEqual({ username: "a b" });
    expect(match("GET", "/api/users/a/b")).toBeUndefined();
  });

  it("matches no route for a path outside the table or a prefix look-alike", () => {
    for (const path of ["/api/usersx", "/api", "/api/chat", "/API/users", "/api/users//"])
      expect(match("GET", path), path).toBeUndefined();
  });

  it("ignores one trailing slash, as HTTP APIs are observed to", () => {
    expect(match("GET", "/api/users/")).toEqual({ routeKey: "GET /api/users" });
    expect(match("GET", "/api/users/alice/")?.pathParameters).toEqual({ username: "alice" });
  });
});

describe("the $default route", () => {
  it("takes what no other route matches, and only that", () => {
    const match = routeMatcher(["GET /api/users", "$default"]);
    expect(match("GET", "/api/users")).toEqual({ routeKey: "GET /api/users" });
    expect(match("POST", "/api/users")).toEqual({ routeKey: "$default" });
    expect(match("GET", "/anything/else")).toEqual({ routeKey: "$default" });
  });

  it("is absent unless declared: a request no route matches reaches none", () => {
    expect(routeMatcher(["GET /api/users"])("POST", "/api/users")).toBeUndefined();
  });
});
