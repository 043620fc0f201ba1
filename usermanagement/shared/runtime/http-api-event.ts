// Makes any payload-2.0 event API Gateway can deliver safe to hand to Powertools' router, whose conversion to a
// Web `Request` throws (an invocation error, a 5xx) on several things a client controls: a GET or HEAD with a
// body, a `Host` or `X-Forwarded-Proto` that makes no URL, a header value `Headers` refuses, a method `Request`
// forbids. Only what Powertools reads is rewritten; the handlers see the request's meaning unchanged.
import { HttpVerbs } from "@aws-lambda-powertools/event-handler/http";
import type { APIGatewayProxyEventV2 } from "aws-lambda";

/** The methods Powertools' router can route; any other gets a 405 or 404 from us. */
export const ROUTABLE_METHODS: ReadonlySet<string> = new Set(Object.values(HttpVerbs));

/** A DNS name with an optional port, the only shape of `requestContext.domainName` a URL can be built from. */
const HOST = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*(?::\d{1,5})?$/i;
const FALLBACK_HOST = "localhost";

/**
 * The event as the router should see it:
 * - the method upper-cased (API Gateway passes it as the client sent it; `Request` only normalises some);
 * - the URL's authority from `requestContext.domainName` once validated, never from the client's `Host` or
 *   `X-Forwarded-Proto` headers, which Powertools would otherwise paste into a URL string unchecked;
 * - `rawPath` in one canonical percent-encoding (see {@link canonicalPath});
 * - no body on GET and HEAD (the body is ignored: `Request` refuses to carry one);
 * - headers and cookies `Headers` would refuse left out, since API Gateway passes bytes no Web API accepts.
 */
export function routableEvent(event: APIGatewayProxyEventV2): APIGatewayProxyEventV2 {
  const method = String(event.requestContext?.http?.method ?? "").toUpperCase();
  const domainName: unknown = event.requestContext?.domainName;
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(event.headers ?? {})) {
    const lower = name.toLowerCase();
    if (lower === "host" || lower === "x-forwarded-proto" || typeof value !== "string") continue;
    if (isAcceptedHeader(lower, value)) headers[lower] = value;
  }
  const cookies = Array.isArray(event.cookies)
    ? event.cookies.filter((cookie) => typeof cookie === "string" && isAcceptedHeader("cookie", cookie))
    : undefined;
  const bodyless = method === "GET" || method === "HEAD" || typeof event.body !== "string";
  const path = canonicalPath(event.rawPath);
  return {
    ...event,
    version: "2.0",
    routeKey: typeof event.routeKey === "string" ? event.routeKey : "$default",
    rawPath: path,
    // A `#` would end the URL Powertools builds; everything else the URL parser encodes by itself.
    rawQueryString:
      typeof event.rawQueryString === "string" ? event.rawQueryString.replaceAll("#", "%23") : "",
    headers,
    cookies,
    requestContext: {
      ...event.requestContext,
      domainName: typeof domainName === "string" && HOST.test(domainName) ? domainName : FALLBACK_HOST,
      http: { ...event.requestContext?.http, method, path },
    },
    body: bodyless ? undefined : event.body,
    isBase64Encoded: !bodyless && event.isBase64Encoded === true,
  };
}

/**
 * `rawPath` percent-encoded once, segment by segment, whether it arrived encoded or decoded. AWS documents no
 * encoding for an HTTP API's `rawPath`; captures show it decoded (the sandbox follows them), other front doors
 * (function URLs, ALB, a direct invocation) keep it encoded. So each segment is decoded when it decodes and
 * re-encoded, which gives the same path either way (`/api/users/a%20b` and `/api/users/a b` both become the
 * former), and Powertools, which decodes path parameters once more, sees a path it can parse. The one
 * ambiguity, a literal `%` in a decoded path, cannot occur in any name these APIs serve.
 */
export function canonicalPath(rawPath: unknown): string {
  const path = typeof rawPath === "string" ? rawPath : "";
  const segments = (path.startsWith("/") ? path : `/${path}`).split("/");
  return segments.map((segment) => encodeURIComponent(wellFormed(decodeSegment(segment)))).join("/");
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** Lone surrogates (possible in a decoded path) have no UTF-8 form, so `encodeURIComponent` would throw. */
const wellFormed = (text: string) => text.replace(/\p{Cs}/gu, "\uFFFD");

function isAcceptedHeader(name: string, value: string): boolean {
  try {
    new Headers().set(name, value);
  } catch {
    return false;
  }
  return true;
}
