// The HTTP API shape both APIs share: every route requires its declared scope, the access log speaks HTTP API,
// and the authorizer's name carries the fingerprint of what it checks.
import * as path from "node:path";
import { Stack } from "aws-cdk-lib";
import { Template } from "aws-cdk-lib/assertions";
import { describe, expect, it } from "vitest";
import { LambdaHttpApi } from "../../../../usermanagement/shared/infrastructure/lambda-http-api";
import { SANDBOX_RETENTION } from "../../../../usermanagement/shared/infrastructure/retention";
import { READ_SCOPE, WRITE_SCOPE } from "../../../../usermanagement/shared/runtime/access";
import { USERS_API_ROUTES } from "../../../../usermanagement/users-api/api/runtime/routes";
import { testApp } from "../../../support/cdk-app";

function synthApi(fingerprint?: string): Template {
  const stack = new Stack(testApp(), "Test", { env: { account: "123456789012", region: "eu-west-1" } });
  new LambdaHttpApi(stack, "Api", {
    entry: path.resolve("usermanagement/users-api/api/runtime/handler.ts"),
    routes: USERS_API_ROUTES,
    authorizer: { issuer: "https://issuer.example.com", audience: ["client"], fingerprint },
    retention: SANDBOX_RETENTION,
  });
  return Template.fromStack(stack);
}

const template = synthApi();

describe("LambdaHttpApi", () => {
  it("requires a scope on every route, the one its method declares, so API Gateway refuses an ID token", () => {
    const scopes = Object.fromEntries(
      Object.values(template.findResources("AWS::ApiGatewayV2::Route")).map((route) => [
        route.Properties.RouteKey,
        route.Properties.AuthorizationScopes,
      ]),
    );

    expect(scopes).toEqual({
      "GET /api/users": [READ_SCOPE],
      "POST /api/users": [WRITE_SCOPE],
      "ANY /api/users": [READ_SCOPE, WRITE_SCOPE],
      "GET /api/users/{username}": [READ_SCOPE],
      "PATCH /api/users/{username}": [WRITE_SCOPE],
      "PUT /api/users/{username}": [WRITE_SCOPE],
      "DELETE /api/users/{username}": [WRITE_SCOPE],
      "ANY /api/users/{username}": [READ_SCOPE, WRITE_SCOPE],
    });
  });

  it("access-logs one JSON line per request in HTTP API variables only, naming the route rather than the path", () => {
    const [stage] = Object.values(template.findResources("AWS::ApiGatewayV2::Stage"));
    const format = stage.Properties.AccessLogSettings.Format as string;
    const fields = JSON.parse(format) as Record<string, string>;

    expect(fields).toMatchObject({
      requestId: "$context.requestId",
      routeKey: "$context.routeKey",
      status: "$context.status",
      authorizerError: "$context.authorizer.error",
      integrationError: "$context.integrationErrorMessage",
    });
    // Variables of REST APIs an HTTP API never fills, and the path, which holds usernames.
    for (const unwanted of [
      "$context.resourcePath",
      "$context.identity.caller",
      "$context.identity.user",
      "$context.path",
    ]) {
      expect(Object.values(fields)).not.toContain(unwanted);
    }
  });

  it("names its authorizer after the rules' fingerprint, when they have one", () => {
    const nameOf = (built: Template) =>
      Object.values(built.findResources("AWS::ApiGatewayV2::Authorizer"))[0].Properties.Name;

    expect(nameOf(template)).toBe("JwtAuthorizer");
    expect(nameOf(synthApi("0123456789abcdef"))).toBe("JwtAuthorizer-0123456789abcdef");
  });
});
