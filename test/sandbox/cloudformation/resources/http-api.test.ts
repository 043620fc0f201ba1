// The templates' HTTP APIs as the sandbox's API Gateway serves them: the routes, scopes, integrations and
// throttling the templates declare, and nothing the sandbox cannot imitate served half-way.
import { describe, expect, it } from "vitest";
import { type Integration, serveHttpApi } from "../../../../sandbox/api-gateway/http-api";
import { deploy, resolved } from "../../../../sandbox/cloudformation/deployment";
import { httpApisFrom } from "../../../../sandbox/cloudformation/resources/http-api";
import { sandboxDeployment } from "../../../support/sandbox-assembly";

const invoked: string[] = [];
const wiring = {
  integrationFor:
    (functionArn: string): Integration =>
    async () => {
      invoked.push(functionArn);
      return { status: 200, headers: {}, cookies: [], body: Buffer.alloc(0) };
    },
  audience: (clientId: string) => [clientId],
};

describe("the sandbox app's HTTP APIs", () => {
  const apis = httpApisFrom(sandboxDeployment(), wiring);

  it("are served at their execute-api hosts, each with exactly the routes its template declares, with their scopes", () => {
    const deployment = sandboxDeployment();
    for (const api of deployment.resourcesOfType("AWS::ApiGatewayV2::Api")) {
      const served = apis.get(new URL(api.attribute("ApiEndpoint") as string).host);
      const declared = deployment
        .resourcesOfType("AWS::ApiGatewayV2::Route")
        .map((route) => resolved(route))
        .filter((route) => route.ApiId === api.physicalId);
      expect(served?.routes.map((route) => route.routeKey).sort()).toEqual(
        declared.map((r) => r.RouteKey).sort(),
      );
      for (const route of served?.routes ?? []) {
        const template = declared.find((r) => r.RouteKey === route.routeKey);
        expect(route.authorizationScopes, route.routeKey).toEqual(template?.AuthorizationScopes);
        expect(route.authorizer, route.routeKey).toBeDefined();
      }
    }
  });

  it("integrate each route with the function its integration names", async () => {
    const [usersFunction] = sandboxDeployment()
      .resourcesOfType("AWS::Lambda::Function")
      .filter((fn) => fn.constructPath?.includes("/API/UsersHttpApi/"));
    const usersApi = [...apis.values()].find((api) =>
      api.routes.some((r) => r.routeKey === "GET /api/users"),
    );
    const route = usersApi?.routes.find((r) => r.routeKey === "GET /api/users");
    await route?.integration({} as never);
    expect(invoked.at(-1)).toBe(usersFunction.attribute("Arn"));
  });

  it("throttle each route as the stage's default route settings say", async () => {
    const [stage] = sandboxDeployment().resourcesOfType("AWS::ApiGatewayV2::Stage");
    const { ThrottlingBurstLimit } = resolved(stage).DefaultRouteSettings as { ThrottlingBurstLimit: number };
    const api = [...apis.values()][0];
    const open = { ...api, routes: api.routes.map(({ authorizer: _, ...route }) => route) };
    const route = open.routes[0];
    const [method, path] = route.routeKey.split(" ");
    const statuses: number[] = [];
    for (let i = 0; i < 2 * ThrottlingBurstLimit; i++) {
      statuses.push(
        (await serveHttpApi(open, { method: method === "ANY" ? "GET" : method, url: path })).status,
      );
    }
    // The burst passes at once; past it, only what the rate refilled meanwhile.
    expect(statuses.slice(0, ThrottlingBurstLimit).every((status) => status === 200)).toBe(true);
    expect(statuses).toContain(429);
  });
});

describe("an API the sandbox cannot imitate", () => {
  it("stops the start, naming what is not imitated", () => {
    const deployment = deploy([
      {
        stackName: "Api",
        template: {
          Resources: {
            Api: { Type: "AWS::ApiGatewayV2::Api", Properties: { ProtocolType: "HTTP" } },
            Stage: {
              Type: "AWS::ApiGatewayV2::Stage",
              Properties: { ApiId: { Ref: "Api" }, StageName: "$default" },
            },
            Integration: {
              Type: "AWS::ApiGatewayV2::Integration",
              Properties: {
                ApiId: { Ref: "Api" },
                IntegrationType: "AWS_PROXY",
                IntegrationUri: "arn:aws:lambda:us-east-1:000000000000:function:f",
                PayloadFormatVersion: "2.0",
              },
            },
            Route: {
              Type: "AWS::ApiGatewayV2::Route",
              Properties: {
                ApiId: { Ref: "Api" },
                RouteKey: "GET /",
                AuthorizationType: "AWS_IAM",
                Target: { "Fn::Join": ["/", ["integrations", { Ref: "Integration" }]] },
              },
            },
          },
        },
        assetPath: () => undefined,
      },
    ]);
    expect(() => httpApisFrom(deployment, wiring)).toThrow(
      "The sandbox does not imitate AWS_IAM authorization (Route)",
    );
  });
});
