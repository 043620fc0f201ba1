// A CloudFront distribution, locally: each request goes to the first cache behaviour whose path pattern matches
// it, else to the default behaviour ("Cache behavior settings", CloudFront Developer Guide); the behaviour's
// allowed methods, viewer-request function, origin request policy and response headers policy apply as in
// CloudFront, and its origin answers. Caching is not imitated: every request reaches the origin.
import { randomBytes } from "node:crypto";
import type { PlainRequest, PlainResponse } from "../api-gateway/payload-v2";
import type { OriginRequestPolicy } from "./origin-request-policy";
import { pathPatternMatches } from "./path-pattern";
import type { ResponseHeadersPolicy } from "./response-headers-policy";
import type { ViewerRequestFunction } from "./viewer-request";

/** What answers a behaviour's origin requests: an HTTP API, an S3 bucket through origin access control… */
export type Origin = (request: PlainRequest) => Promise<PlainResponse>;

export interface CacheBehaviour {
  /** e.g. `/api/users*`; undefined for the default behaviour. */
  readonly pathPattern?: string;
  readonly allowedMethods: readonly string[];
  readonly origin: Origin;
  readonly originRequestPolicy: OriginRequestPolicy;
  /** @default - none */
  readonly viewerRequest?: ViewerRequestFunction;
  /** @default - the origin's headers as they are */
  readonly responseHeadersPolicy?: ResponseHeadersPolicy;
}

export type Distribution = (request: PlainRequest) => Promise<PlainResponse>;

/** @param behaviours the cache behaviours in the distribution's order, then the default behaviour */
export function sandboxDistribution(behaviours: readonly CacheBehaviour[]): Distribution {
  const defaultBehaviour = behaviours.find((behaviour) => behaviour.pathPattern === undefined);
  if (!defaultBehaviour) throw new Error("A distribution needs a default behaviour");
  return async (request) => {
    const path = request.url.split("?")[0];
    const behaviour =
      behaviours.find(
        ({ pathPattern }) => pathPattern !== undefined && pathPatternMatches(pathPattern, path),
      ) ?? defaultBehaviour;
    const answer = await answerWith(behaviour, request);
    const headers = behaviour.responseHeadersPolicy?.(answer.headers) ?? answer.headers;
    return { ...answer, headers };
  };
}

async function answerWith(behaviour: CacheBehaviour, request: PlainRequest): Promise<PlainResponse> {
  if (!behaviour.allowedMethods.includes(request.method)) return invalidMethod();
  const viewerIp = request.sourceIp ?? "127.0.0.1";
  let url = request.url;
  if (behaviour.viewerRequest) {
    const outcome = await behaviour.viewerRequest(
      { method: request.method, url: request.url, headers: request.headers ?? {} },
      viewerIp,
    );
    if ("respond" in outcome) return outcome.respond;
    const { uri, querystring } = outcome.forward;
    const query = Object.entries(querystring)
      .map(([name, field]) => `${encodeURIComponent(name)}=${encodeURIComponent(field.value)}`)
      .join("&");
    url = query ? `${uri}?${query}` : uri;
  }
  const forwarded = behaviour.originRequestPolicy(request.headers ?? {});
  const forwardedFor = forwarded["x-forwarded-for"];
  return behaviour.origin({
    ...request,
    url,
    // What CloudFront adds to every origin request: the viewer's address, and its own Via and request id.
    headers: {
      ...forwarded,
      "x-forwarded-for": forwardedFor ? `${forwardedFor}, ${viewerIp}` : viewerIp,
      via: `2.0 ${randomBytes(16).toString("hex")}.cloudfront.net (CloudFront)`,
      "x-amz-cf-id": randomBytes(42).toString("base64url"),
    },
    // The edge location is what connects to the origin; the sandbox stands in for it.
    sourceIp: "127.0.0.1",
  });
}

/**
 * CloudFront's answer to a method the behaviour does not allow, or one it does not support at all (TRACE,
 * PROPFIND): "HTTP 403 status code (Invalid method)" in CloudFront's troubleshooting guide.
 */
function invalidMethod(): PlainResponse {
  return {
    status: 403,
    headers: { "content-type": "text/html", "x-cache": "Error from cloudfront" },
    cookies: [],
    body: Buffer.from(
      "<HTML><HEAD><TITLE>ERROR: The request could not be satisfied</TITLE></HEAD><BODY><H1>403 ERROR</H1>" +
        "<H2>The request could not be satisfied.</H2>This distribution is not configured to allow the HTTP " +
        "request method that was used for this request.</BODY></HTML>",
    ),
  };
}
