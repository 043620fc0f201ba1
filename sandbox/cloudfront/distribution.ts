// The Users UI's distribution, locally: each request goes to the behaviour whose path pattern matches it (an
// API's, else the default one), with the behaviour's allowed methods, origin request policy and response
// headers policy, as cdn/infrastructure.ts configures them in AWS.
import { randomBytes } from "node:crypto";
import type { InvokeOptions, LocalHttpApi } from "../api-gateway/http-api";
import type { PlainRequest, PlainResponse } from "../api-gateway/payload-v2";
import { pathPatternMatches } from "./path-pattern";
import type { S3Origin } from "./s3-origin";
import type { ViewerRequestFunction } from "./viewer-request";

/** AllowedMethods.ALLOW_ALL, the API behaviours' setting; CloudFront supports no other method. */
const ALLOW_ALL = new Set(["GET", "HEAD", "OPTIONS", "PUT", "PATCH", "POST", "DELETE"]);
/** AllowedMethods.ALLOW_GET_HEAD, the default behaviour's setting. */
const ALLOW_GET_HEAD = new Set(["GET", "HEAD"]);

const NOT_FORWARDED = new Set([
  "host",
  "connection",
  "keep-alive",
  "proxy-connection",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
]);

/** The sandbox stands in for the edge location that connects to API Gateway. */
const EDGE_IP = "127.0.0.1";

export interface DistributionOptions {
  readonly apis: readonly LocalHttpApi[];
  readonly site: S3Origin;
  readonly viewerRequest: ViewerRequestFunction;
  /** The response-headers policy's headers, set on every answer (the policy overrides). */
  readonly responseHeaders: Readonly<Record<string, string>>;
  /** How a request reaches an API: API Gateway, with whatever checks precede the function. */
  readonly invokeApi: (
    api: LocalHttpApi,
    request: PlainRequest,
    options?: InvokeOptions,
  ) => Promise<PlainResponse>;
}

export type Distribution = (request: PlainRequest) => Promise<PlainResponse>;

export function sandboxDistribution(options: DistributionOptions): Distribution {
  return async (request) => {
    const path = request.url.split("?")[0];
    const api = options.apis.find(({ routes }) => pathPatternMatches(routes.pathPattern, path));
    const answer = api ? await apiBehaviour(options, api, request) : await defaultBehaviour(options, request);
    return { ...answer, headers: { ...answer.headers, ...options.responseHeaders } };
  };
}

async function apiBehaviour(
  options: DistributionOptions,
  api: LocalHttpApi,
  request: PlainRequest,
): Promise<PlainResponse> {
  if (!ALLOW_ALL.has(request.method)) return invalidMethod();
  // AllViewerExceptHostHeader: every viewer header but Host and the hop-by-hop ones, which a proxy never
  // forwards (RFC 9110 §7.6.1); CloudFront adds its own and the viewer's address.
  const viewerHeaders = Object.fromEntries(
    Object.entries(request.headers ?? {}).filter(([name]) => !NOT_FORWARDED.has(name.toLowerCase())),
  );
  const viewerIp = request.sourceIp ?? "127.0.0.1";
  const forwardedFor = viewerHeaders["x-forwarded-for"];
  return options.invokeApi(api, {
    ...request,
    headers: {
      ...viewerHeaders,
      "x-forwarded-for": forwardedFor ? `${forwardedFor}, ${viewerIp}` : viewerIp,
      via: `2.0 ${randomBytes(16).toString("hex")}.cloudfront.net (CloudFront)`,
      "x-amz-cf-id": randomBytes(42).toString("base64url"),
    },
    sourceIp: EDGE_IP,
  });
}

async function defaultBehaviour(options: DistributionOptions, request: PlainRequest): Promise<PlainResponse> {
  if (!ALLOW_GET_HEAD.has(request.method)) return invalidMethod();
  const headers = request.headers ?? {};
  const outcome = await options.viewerRequest(
    { method: request.method, url: request.url, headers },
    request.sourceIp ?? "127.0.0.1",
  );
  if ("respond" in outcome) return outcome.respond;
  return options.site({ method: request.method, uri: outcome.forward.uri, headers });
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
