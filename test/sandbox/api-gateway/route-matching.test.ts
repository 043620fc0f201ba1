// The sandbox routes each request by the very table the HTTP APIs are deployed with, and as API Gateway does.
import { Template } from "aws-cdk-lib/assertions";
import * as dynamodb from "aws-cdk-lib/aws-dynamodb";
import { describe, expect, it } from "vitest";
import { routeMatcher } from "../../../sandbox/api-gateway/route-matching";
import { SANDBOX_APIS } from "../../../sandbox/apis";
import { READ_SCOPE, WRITE_SCOPE } from "../../../usermanagement/shared/runtime/access";
import { httpApiRoutes, routeKey } from "../../../usermanagement/shared/runtime/http-api-routes";
import { USERS_API_ROUTES } from "../../../usermanagement/users-api/api/runtime/routes";
import { UserManagement } from "../../../usermanagement/workload";
import { testApp } from "../../support/cdk-app";

describe("the sandbox's route table", () => {
  it("is exactly the AWS::ApiGatewayV2::Route resources of the synthesized API stacks, scopes included", () => {
    const workload = new UserManagement(testApp(), {
      stackNamespace: "Test",
      databaseBillingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
    });
    const deployed = [workload.usersApi, workload.chatbotApi].flatMap((stack) =>
      Object.values(Template.fromStack(stack).findResources("AWS::ApiGatewayV2::Route")).map(
        (route) => `${route.Properties.RouteKey} ${route.Properties.AuthorizationScopes.join(",")}`,
      ),
    );

    const sandbox = SANDBOX_APIS.flatMap((api) =>
      httpApiRoutes(api.routes).map((route) => `${routeKey(route)} ${route.authorizationScopes.join(",")}`),
    );

    expect(sandbox.sort()).toEqual(deployed.sort());
    expect(deployed).toContain(`GET /api/users/{username} ${READ_SCOPE}`);
  }, 120_000);
});

describe("matching a request to a route", () => {
  const match = routeMatcher(USERS_API_ROUTES);

  it("picks the method's own route, with its path parameters and its scope", () => {
    expect(match("GET", "/api/users")).toEqual({
      routeKey: "GET /api/users",
      authorizationScopes: [READ_SCOPE],
    });
    expect(match("DELETE", "/api/users/alice")).toEqual({
      routeKey: "DELETE /api/users/{username}",
      pathParameters: { username: "alice" },
      authorizationScopes: [WRITE_SCOPE],
    });
  });

  it("falls back to the path's ANY route for a method the path does not declare, which either scope reaches", () => {
    expect(match("HEAD", "/api/users")).toEqual({
      routeKey: "ANY /api/users",
      authorizationScopes: [READ_SCOPE, WRITE_SCOPE],
    });
    expect(match("POST", "/api/users/alice")).toMatchObject({
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
    expect(match("GET", "/api/users/")?.routeKey).toBe("GET /api/users");
    expect(match("GET", "/api/users/alice/")?.pathParameters).toEqual({ username: "alice" });
  });
});
