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

/** A deployed HTTP API with one route to one function, the route's and the stack's resources changed by `extra`. */
function oneRouteApi(route: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) {
  return deploy([
    {
      stackName: "Api",
      template: {
        Resources: {
          Api: { Type: "AWS::ApiGatewayV2::Api", Properties: { ProtocolType: "HTTP" } },
          Stage: {
            Type: "AWS::ApiGatewayV2::Stage",
            Properties: { ApiId: { Ref: "Api" }, StageName: "$default" },
          },
          Fn: { Type: "AWS::Lambda::Function", Properties: {} },
          Integration: {
            Type: "AWS::ApiGatewayV2::Integration",
            Properties: {
              ApiId: { Ref: "Api" },
              IntegrationType: "AWS_PROXY",
              IntegrationUri: { "Fn::GetAtt": ["Fn", "Arn"] },
              PayloadFormatVersion: "2.0",
            },
          },
          Route: {
            Type: "AWS::ApiGatewayV2::Route",
            Properties: {
              ApiId: { Ref: "Api" },
              RouteKey: "GET /items/{id}",
              Target: { "Fn::Join": ["/", ["integrations", { Ref: "Integration" }]] },
              ...route,
            },
          },
          ...extra,
        },
      },
      assetPath: () => undefined,
    },
  ]);
}

/** CDK's grant for a route: API Gateway may invoke the function from any stage and method on that path. */
const permission = (path: string) => ({
  Type: "AWS::Lambda::Permission",
  Properties: {
    Action: "lambda:InvokeFunction",
    FunctionName: { "Fn::GetAtt": ["Fn", "Arn"] },
    Principal: "apigateway.amazonaws.com",
    SourceArn: {
      "Fn::Join": ["", ["arn:aws:execute-api:us-east-1:000000000000:", { Ref: "Api" }, `/*/*${path}`]],
    },
  },
});

describe("a route's function permissions", () => {
  const get = async (deployment: ReturnType<typeof oneRouteApi>) => {
    const [api] = httpApisFrom(deployment, wiring).values();
    const before = invoked.length;
    const answer = await serveHttpApi(api, { method: "GET", url: "/items/1" });
    return { status: answer.status, invoked: invoked.length - before };
  };

  it("let API Gateway invoke the function when a permission names the route's path", async () => {
    expect(await get(oneRouteApi({}, { Permission: permission("/items/{id}") }))).toEqual({
      status: 200,
      invoked: 1,
    });
  });

  it("without one, the route answers API Gateway's 500 and the function never runs", async () => {
    expect(await get(oneRouteApi())).toEqual({ status: 500, invoked: 0 });
    expect(await get(oneRouteApi({}, { Permission: permission("/other") }))).toEqual({
      status: 500,
      invoked: 0,
    });
  });
});

describe("an API the sandbox cannot imitate", () => {
  it("stops the start, naming what is not imitated", () => {
    expect(() => httpApisFrom(oneRouteApi({ AuthorizationType: "AWS_IAM" }), wiring)).toThrow(
      "The sandbox does not imitate AWS_IAM authorization (Route)",
    );
  });
});
