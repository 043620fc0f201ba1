// The HTTP APIs of the templates (AWS::ApiGatewayV2::Api, with its Routes, Integrations, Authorizers and its
// `$default` Stage), as the sandbox's API Gateway serves them: each route by its RouteKey, with its JWT
// authorizer (the issuer and audience the template sets, stood in for by the sandbox's issuer) and its
// AuthorizationScopes, its Lambda proxy integration (if the function's permissions let API Gateway invoke it),
// and the stage's throttling. What the sandbox does not imitate (IAM or Lambda authorizers, other integration
// types, payload format 1.0, named stages) stops the start with the route or resource that needs it.
import { JWT_IDENTITY_SOURCE } from "../../../usermanagement/shared/jwt-authorizer-rules";
import {
  apiGatewayMessage,
  type HttpApi,
  type HttpApiRoute,
  type Integration,
} from "../../api-gateway/http-api";
import { createJwtAuthorizer, type JwtAuthorizer } from "../../api-gateway/jwt-authorizer";
import { type StageThrottlingSettings, stageThrottle } from "../../api-gateway/stage-throttling";
import { type DeployedResource, type Deployment, resolved } from "../deployment";
import { apiGatewayMayInvoke } from "./lambda-permission";

export interface HttpApiWiring {
  /** The integration invoking the function with this ARN. */
  integrationFor(functionArn: string): Integration;
  /** The client ids the issuer tokens may carry for an audience entry of the templates. */
  audience(clientId: string): readonly string[];
}

/** The deployment's HTTP APIs by the host name API Gateway serves each at, `<api id>.execute-api.<region>.<suffix>`. */
export function httpApisFrom(deployment: Deployment, wiring: HttpApiWiring): Map<string, HttpApi> {
  const apis = new Map<string, HttpApi>();
  const authorizers = new Map<string, JwtAuthorizer>();
  const ofApi = (type: string, apiId: string) =>
    deployment.resourcesOfType(type).filter((resource) => resolved(resource).ApiId === apiId);
  for (const api of deployment.resourcesOfType("AWS::ApiGatewayV2::Api")) {
    if (resolved(api).ProtocolType !== "HTTP") throw notImitated(api, "an API other than an HTTP API");
    const stack = deployment.stacks.find((s) => s.stackName === api.stackName);
    if (!stack) throw new Error(`No stack ${api.stackName}`);
    const { region, accountId, urlSuffix, partition } = stack.env;
    const stage = ofApi("AWS::ApiGatewayV2::Stage", api.physicalId).find((s) => s.physicalId === "$default");
    if (!stage) throw notImitated(api, "an HTTP API without a $default stage");
    const integrations = ofApi("AWS::ApiGatewayV2::Integration", api.physicalId);
    const routes = ofApi("AWS::ApiGatewayV2::Route", api.physicalId).map((route): HttpApiRoute => {
      const properties = resolved(route) as {
        RouteKey: string;
        AuthorizationType?: string;
        AuthorizerId?: string;
        AuthorizationScopes?: readonly string[];
        Target?: string;
      };
      const integration = integrations.find((i) => properties.Target === `integrations/${i.physicalId}`);
      if (!integration) throw notImitated(route, "a route without an integration");
      const [method, path = ""] = properties.RouteKey.split(" ");
      const sourceArn = `arn:${partition}:execute-api:${region}:${accountId}:${api.physicalId}/$default/${method}${path}`;
      return {
        routeKey: properties.RouteKey,
        authorizer: routeAuthorizer(deployment, route, properties, authorizers, wiring),
        authorizationScopes: properties.AuthorizationScopes,
        integration: lambdaProxyIntegration(deployment, integration, sourceArn, wiring),
      };
    });
    apis.set(`${api.physicalId}.execute-api.${region}.${urlSuffix}`, {
      identity: { apiId: api.physicalId, region, accountId },
      routes,
      throttle: stageThrottle(resolved(stage) as StageThrottlingSettings),
    });
  }
  return apis;
}

function routeAuthorizer(
  deployment: Deployment,
  route: DeployedResource,
  properties: { AuthorizationType?: string; AuthorizerId?: string },
  authorizers: Map<string, JwtAuthorizer>,
  wiring: HttpApiWiring,
): JwtAuthorizer | undefined {
  const type = properties.AuthorizationType ?? "NONE";
  if (type === "NONE") return undefined;
  if (type !== "JWT") throw notImitated(route, `${type} authorization`);
  const resource = deployment
    .resourcesOfType("AWS::ApiGatewayV2::Authorizer")
    .find((candidate) => candidate.physicalId === properties.AuthorizerId);
  if (!resource)
    throw new Error(`The authorizer of ${route.constructPath ?? route.logicalId} is not in the templates`);
  let authorizer = authorizers.get(resource.physicalId);
  if (!authorizer) {
    const { IdentitySource, JwtConfiguration } = resolved(resource) as {
      IdentitySource?: readonly string[];
      JwtConfiguration: { Issuer: string; Audience: readonly string[] };
    };
    if (IdentitySource?.some((source) => source !== JWT_IDENTITY_SOURCE)) {
      throw notImitated(resource, `the identity source ${IdentitySource}`);
    }
    authorizer = createJwtAuthorizer({
      issuer: JwtConfiguration.Issuer,
      audience: JwtConfiguration.Audience.flatMap((clientId) => wiring.audience(clientId)),
    });
    authorizers.set(resource.physicalId, authorizer);
  }
  return authorizer;
}

/**
 * An AWS_PROXY integration with payload format 2.0, whose URI is the function's ARN (or its invocation path);
 * API Gateway's 500 for a route whose function's permissions do not let API Gateway invoke it
 * ("Troubleshooting issues with HTTP API Lambda integrations").
 */
function lambdaProxyIntegration(
  deployment: Deployment,
  integration: DeployedResource,
  sourceArn: string,
  wiring: HttpApiWiring,
): Integration {
  const { IntegrationType, IntegrationUri, PayloadFormatVersion } = resolved(integration) as {
    IntegrationType: string;
    IntegrationUri: string;
    PayloadFormatVersion?: string;
  };
  if (IntegrationType !== "AWS_PROXY") throw notImitated(integration, `${IntegrationType} integrations`);
  if (PayloadFormatVersion !== "2.0")
    throw notImitated(integration, `payload format ${PayloadFormatVersion}`);
  const functionArn = /arn:[^:]+:lambda:[^:]+:\d+:function:[^/:]+/.exec(IntegrationUri)?.[0];
  if (!functionArn) throw notImitated(integration, `the integration URI ${IntegrationUri}`);
  if (!apiGatewayMayInvoke(deployment, functionArn, sourceArn)) {
    return async (event) => apiGatewayMessage(500, "Internal Server Error", event.requestContext.requestId);
  }
  return wiring.integrationFor(functionArn);
}

function notImitated(resource: DeployedResource, what: string): Error {
  return new Error(`The sandbox does not imitate ${what} (${resource.constructPath ?? resource.logicalId})`);
}
