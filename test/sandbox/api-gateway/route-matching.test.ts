// The sandbox routes each request by the very table the HTTP APIs are deployed with, and as API Gateway does.
import { Template } from "aws-cdk-lib/assertions";
import * as dynamodb from "aws-cdk-lib/aws-dynamodb";
import { describe, expect, it } from "vitest";
import { routeMatcher } from "../../../sandbox/api-gateway/route-matching";
import { SANDBOX_APIS } from "../../../sandbox/apis";
import { httpApiRoutes, routeKey } from "../../../usermanagement/shared/runtime/http-api-routes";
import { USERS_API_ROUTES } from "../../../usermanagement/users-api/api/runtime/routes";
import { UserManagement } from "../../../usermanagement/workload";
import { testApp } from "../../support/cdk-app";

describe("the sandbox's route table", () => {
  it("is exactly the AWS::ApiGatewayV2::Route resources of the synthesized API stacks", () => {
    const workload = new UserManagement(testApp(), {
      stackNamespace: "Test",
      databaseBillingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
    });
    const deployed = [workload.usersApi, workload.chatbotApi].flatMap((stack) =>
      Object.values(Template.fromStack(stack).findResources("AWS::ApiGatewayV2::Route")).map(
        (route) => route.Properties.RouteKey as string,
      ),
    );

    const sandbox = SANDBOX_APIS.flatMap((api) => httpApiRoutes(api.routes.resources).map(routeKey));

    expect(sandbox.sort()).toEqual(deployed.sort());
    expect(deployed).toContain("GET /api/users/{username}");
  }, 120_000);
});

describe("matching a request to a route", () => {
  const match = routeMatcher(USERS_API_ROUTES);

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
