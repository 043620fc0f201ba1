// The sandbox's API Gateway, for one HTTP API: it matches a request to the API's routes, throttles it as the
// stage does, runs the route's JWT authorizer with the route's scopes, and hands the route's integration the
// payload-v2.0 event API Gateway sends; it answers as API Gateway does when the body is too large, no route
// matches, the stage throttles or the authorizer refuses, without calling the integration.
import { createHash, randomUUID } from "node:crypto";
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from "aws-lambda";
import {
  type HttpApiRoutes,
  httpApiRoutes,
  routeKey,
} from "../../usermanagement/shared/runtime/http-api-routes";
import type { JwtAuthorizer } from "./jwt-authorizer";
import {
  type ApiIdentity,
  type AuthorizerContext,
  apiGatewayRequestId,
  fromHttpApiResult,
  lambdaContext,
  type PlainRequest,
  type PlainResponse,
  routedPath,
  toHttpApiEvent,
} from "./payload-v2";
import { routeMatcher } from "./route-matching";
import type { StageThrottle } from "./stage-throttling";

/** What a route's integration does with the event: for a Lambda proxy integration, invoke the function. */
export type Integration = (event: APIGatewayProxyEventV2) => Promise<PlainResponse>;

export interface HttpApiRoute {
  /** e.g. `GET /api/users/{username}`, or `$default` */
  readonly routeKey: string;
  /** The route's JWT authorizer. @default - none: the route is open (AuthorizationType NONE) */
  readonly authorizer?: JwtAuthorizer;
  /** A token must grant one of these. @default - any valid token will do */
  readonly authorizationScopes?: readonly string[];
  readonly integration: Integration;
}

export interface HttpApi {
  /** The API's id, region and account, which make up its host name and its events' request context. */
  readonly identity: ApiIdentity;
  readonly routes: readonly HttpApiRoute[];
  /** The stage's throttling. @default - none */
  readonly throttle?: StageThrottle;
}

export interface ServeOptions {
  /** What the API's authorizer put at `requestContext.authorizer`, for a route without an authorizer of its own. @default - none */
  readonly authorizer?: AuthorizerContext;
}

/** API Gateway's own payload limit; the handlers enforce their smaller ones. */
export const MAX_REQUEST_BYTES = 10 * 1024 * 1024;

const matchers = new WeakMap<readonly HttpApiRoute[], ReturnType<typeof routeMatcher>>();

export async function serveHttpApi(
  api: HttpApi,
  request: PlainRequest,
  options: ServeOptions = {},
): Promise<PlainResponse> {
  const requestId = apiGatewayRequestId();
  const bytes = typeof request.body === "string" ? Buffer.byteLength(request.body) : request.body?.byteLength;
  if ((bytes ?? 0) > MAX_REQUEST_BYTES) return apiGatewayMessage(413, "Request Entity Too Large", requestId);
  let match = matchers.get(api.routes);
  if (!match) {
    match = routeMatcher(api.routes.map((route) => route.routeKey));
    matchers.set(api.routes, match);
  }
  const path = routedPath(request.url.split("?")[0]);
  const matched = match(request.method, path);
  const route = matched && api.routes.find((candidate) => candidate.routeKey === matched.routeKey);
  if (!matched || !route) return apiGatewayMessage(404, "Not Found", requestId);
  // The body's wording is that of API Gateway's THROTTLED gateway response; HTTP APIs document the status only.
  if (api.throttle && !api.throttle(route.routeKey))
    return apiGatewayMessage(429, "Too Many Requests", requestId);
  let authorizer = options.authorizer;
  if (route.authorizer) {
    const decision = await route.authorizer(request.headers ?? {}, route.authorizationScopes);
    if (!decision.ok) {
      const { statusCode, headers, body } = decision.response;
      return {
        status: statusCode,
        headers: { ...headers, "apigw-requestid": requestId },
        cookies: [],
        body: Buffer.from(body),
      };
    }
    authorizer = decision.context;
  }
  const event = toHttpApiEvent(request, { api: api.identity, route: matched, path, authorizer, requestId });
  const response = await route.integration(event);
  return { ...response, headers: { ...response.headers, "apigw-requestid": requestId } };
}

/** A Lambda proxy integration whose function is a handler in this process. */
export function inProcessIntegration(functionName: string, handler: HttpApiHandler): Integration {
  return async (event) => {
    try {
      return fromHttpApiResult(await handler(event, lambdaContext(functionName, randomUUID())));
    } catch (error) {
      // A function error reaches the client as API Gateway's bare 500; the cause is only in the function's log.
      console.error(`${functionName}: invocation failed`, error);
      return apiGatewayMessage(500, "Internal Server Error", event.requestContext.requestId);
    }
  };
}

/** API Gateway's own answers carry a one-field JSON body, e.g. `{"message":"Not Found"}`. */
export function apiGatewayMessage(status: number, message: string, requestId: string): PlainResponse {
  return {
    status,
    headers: { "content-type": "application/json", "apigw-requestid": requestId },
    cookies: [],
    body: Buffer.from(JSON.stringify({ message })),
  };
}

export type HttpApiHandler = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<APIGatewayProxyStructuredResultV2 | string | object>;

/**
 * A handler behind the routes its runtime declares, every route with the same authorizer: how the tests and
 * the bench call a handler in their own process, through API Gateway's routing and events.
 */
export interface LocalHttpApi {
  readonly routes: HttpApiRoutes;
  /** The function's name in logs and its context. */
  readonly functionName: string;
  readonly handler: HttpApiHandler;
  /** Every route's authorizer. @default - none */
  readonly authorize?: JwtAuthorizer;
}

const localApis = new WeakMap<LocalHttpApi, HttpApi>();

export function invokeHttpApi(
  api: LocalHttpApi,
  request: PlainRequest,
  options: ServeOptions = {},
): Promise<PlainResponse> {
  let httpApi = localApis.get(api);
  if (!httpApi) {
    const integration = inProcessIntegration(api.functionName, api.handler);
    httpApi = {
      identity: localApiIdentity(api.functionName),
      routes: httpApiRoutes(api.routes).map((route) => ({
        routeKey: routeKey(route),
        authorizer: api.authorize,
        authorizationScopes: route.authorizationScopes,
        integration,
      })),
    };
    localApis.set(api, httpApi);
  }
  return serveHttpApi(httpApi, request, options);
}

/** A stable, API-Gateway-shaped identity per in-process API: ten lowercase alphanumerics, as a real API id. */
function localApiIdentity(functionName: string): ApiIdentity {
  const apiId = createHash("sha256").update(functionName).digest("hex").slice(0, 10);
  return { apiId, region: "us-east-1", accountId: "000000000000" };
}
