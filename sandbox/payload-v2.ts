// Compatibility for callers that predate sandbox/api-gateway/ (the bench): the old call shapes, served by the
// one route-matching invocation. New code imports sandbox/api-gateway/http-api.ts.
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import {
  type HttpApiHandler,
  invokeHttpApi as invoke,
  matchHttpApiRoute,
  sandboxApiIdentity,
} from "./api-gateway/http-api";
import { type PlainRequest, type PlainResponse, toHttpApiEvent as toEvent } from "./api-gateway/payload-v2";
import { SANDBOX_APIS } from "./apis";
import { pathPatternMatches } from "./cloudfront/path-pattern";

export { fromHttpApiResult, lambdaContext } from "./api-gateway/payload-v2";
export type { HttpApiHandler, PlainRequest, PlainResponse };

/** The API whose behaviour the request's path falls under, with `handler` as its function. */
function apiFor(handler: HttpApiHandler, functionName: string, request: PlainRequest) {
  const path = request.url.split("?")[0];
  const api = SANDBOX_APIS.find(({ routes }) => pathPatternMatches(routes.pathPattern, path));
  if (!api) throw new Error(`No API serves ${path}`);
  return { routes: api.routes, functionName, handler };
}

export function invokeHttpApi(
  handler: HttpApiHandler,
  functionName: string,
  request: PlainRequest,
): Promise<PlainResponse> {
  return invoke(apiFor(handler, functionName, request), request);
}

/** The event API Gateway sends for `request`, which must reach a declared route. */
export function toHttpApiEvent(request: PlainRequest): APIGatewayProxyEventV2 {
  const api = apiFor(async () => ({}), "sandbox", request);
  const { route, path } = matchHttpApiRoute(api, request);
  if (!route)
    throw new Error(`No route of ${api.routes.pathPattern} matches ${request.method} ${request.url}`);
  return toEvent(request, { api: sandboxApiIdentity(api.functionName), route, path });
}
