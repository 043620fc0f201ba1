// The sandbox's API Gateway: the ONE way the sandbox and the tests call a handler. It matches the request to
// the API's declared routes and invokes the function with the payload-v2.0 event API Gateway sends for that
// route, or answers as API Gateway does when no route matches or the body is too large, without invoking it.
import { createHash, randomUUID } from "node:crypto";
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from "aws-lambda";
import type { HttpApiRoutes } from "../../usermanagement/shared/runtime/http-api-routes";
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
import { type MatchedRoute, routeMatcher } from "./route-matching";

export type HttpApiHandler = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<APIGatewayProxyStructuredResultV2 | string | object>;

/** One HTTP API with its one function, as LambdaHttpApi deploys it. */
export interface LocalHttpApi {
  readonly routes: HttpApiRoutes;
  /** The function's name in logs and its context. */
  readonly functionName: string;
  readonly handler: HttpApiHandler;
  /** The routes' authorizer, run once a route matched and before the function. @default - none */
  readonly authorize?: JwtAuthorizer;
}

export interface InvokeOptions {
  /** What the API's authorizer put at `requestContext.authorizer`, when `api` has no `authorize` of its own. @default - none */
  readonly authorizer?: AuthorizerContext;
}

/** API Gateway's own payload limit; the handlers enforce their smaller ones. */
export const MAX_REQUEST_BYTES = 10 * 1024 * 1024;

const matchers = new WeakMap<HttpApiRoutes, ReturnType<typeof routeMatcher>>();

/** The route a request reaches on `api`, and the path API Gateway routes by; no route when none matches. */
export function matchHttpApiRoute(
  api: LocalHttpApi,
  request: Pick<PlainRequest, "method" | "url">,
): { route?: MatchedRoute; path: string } {
  let match = matchers.get(api.routes);
  if (!match) {
    match = routeMatcher(api.routes);
    matchers.set(api.routes, match);
  }
  const path = routedPath(request.url.split("?")[0]);
  return { route: match(request.method, path), path };
}

export async function invokeHttpApi(
  api: LocalHttpApi,
  request: PlainRequest,
  options: InvokeOptions = {},
): Promise<PlainResponse> {
  const requestId = apiGatewayRequestId();
  const bytes = typeof request.body === "string" ? Buffer.byteLength(request.body) : request.body?.byteLength;
  if ((bytes ?? 0) > MAX_REQUEST_BYTES) return apiGatewayMessage(413, "Request Entity Too Large", requestId);
  const { route, path } = matchHttpApiRoute(api, request);
  if (!route) return apiGatewayMessage(404, "Not Found", requestId);
  let authorizer = options.authorizer;
  if (api.authorize) {
    const decision = await api.authorize(request.headers ?? {}, route.authorizationScopes);
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
  const event = toHttpApiEvent(request, {
    api: sandboxApiIdentity(api.functionName),
    route,
    path,
    authorizer,
    requestId,
  });
  let response: PlainResponse;
  try {
    response = fromHttpApiResult(await api.handler(event, lambdaContext(api.functionName, randomUUID())));
  } catch (error) {
    // A function error reaches the client as API Gateway's bare 500; the cause is only in the function's log.
    console.error(`${api.functionName}: invocation failed`, error);
    return apiGatewayMessage(500, "Internal Server Error", requestId);
  }
  return { ...response, headers: { ...response.headers, "apigw-requestid": requestId } };
}

/** `api` behind `authorize`: every route of both APIs carries the same JWT authorizer, as in AWS. */
export function authorizedHttpApi(api: LocalHttpApi, authorize: JwtAuthorizer): LocalHttpApi {
  return { ...api, authorize };
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

/** A stable, API-Gateway-shaped identity per API: ten lowercase alphanumerics, as a real API id. */
export function sandboxApiIdentity(functionName: string): ApiIdentity {
  const apiId = createHash("sha256").update(functionName).digest("hex").slice(0, 10);
  return { apiId, region: "us-east-1", accountId: "000000000000" };
}
