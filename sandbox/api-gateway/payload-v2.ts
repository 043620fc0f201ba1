// The API Gateway HTTP API payload format 2.0, both ways: the event API Gateway builds for a Lambda integration,
// and how it reads the function's result. Checked against "Create AWS Lambda proxy integrations for HTTP APIs"
// (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html) and
// Powertools' APIGatewayProxyEventV2Schema, which the sandbox's tests validate every event against.
import { randomBytes } from "node:crypto";
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from "aws-lambda";
import type { MatchedRoute } from "./route-matching";

export type HeaderValues = Readonly<Record<string, string | readonly string[] | undefined>>;

export interface PlainRequest {
  readonly method: string;
  /** Path and optional query string as sent on the wire (percent-encoded), e.g. `/api/users?limit=5`. */
  readonly url: string;
  readonly headers?: HeaderValues;
  readonly body?: string | Uint8Array;
  /** The address of the client that connected. @default "127.0.0.1" */
  readonly sourceIp?: string;
}

export interface PlainResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly cookies: readonly string[];
  readonly body: Buffer;
}

/** Who the API is: its id and region make up the host name API Gateway serves it at. */
export interface ApiIdentity {
  readonly apiId: string;
  readonly region: string;
  readonly accountId: string;
}

/** What `requestContext.authorizer` holds after an authorizer let the request through, e.g. `{ jwt: { claims, scopes } }`. */
export type AuthorizerContext = object;

export interface EventContext {
  readonly api: ApiIdentity;
  readonly route: MatchedRoute;
  /** The request path as API Gateway passes it on (see `routedPath`). */
  readonly path: string;
  readonly authorizer?: AuthorizerContext;
  /** API Gateway's id of the request (`apigw-requestid`). @default a fresh one */
  readonly requestId?: string;
  /** @default new Date() */
  readonly now?: Date;
}

/**
 * Bodies API Gateway passes as text; anything else, a missing content type and form posts included, arrives
 * base64-encoded. The docs name no list; this is the split measured against real HTTP APIs
 * (ministackorg/ministack#766; form posts also in denoland/deno_registry2#33).
 */
const TEXT_MEDIA_TYPE = /^(text\/[^;\s]+|application\/(json|xml|javascript))\s*(;|$)/i;

/**
 * The path as an HTTP API passes it to the function (`rawPath`, `requestContext.http.path`) and routes by:
 * percent-DECODED. Evidence: the routes guide says "API Gateway decodes URL-encoded request parameters before
 * passing them to your backend integration"; live captures of HTTP API events (hotsock/voker#8, relied on by
 * middleapi/standard-server#93) show `rawPath` decoded where REST APIs, function URLs and ALB keep the encoding,
 * and that a decoded `?` ends the path; AWS's own Lambda test tool decodes the path and path parameters for
 * HTTP APIs (aws/aws-lambda-dotnet#1901). No capture covers malformed escapes (`%E0%A4%A`): the sandbox passes
 * such a path on as received. Handlers must be correct under both encodings anyway.
 */
export function routedPath(encodedPath: string): string {
  let decoded: string;
  try {
    decoded = decodeURIComponent(encodedPath);
  } catch {
    return encodedPath;
  }
  const query = decoded.indexOf("?");
  return query === -1 ? decoded : decoded.slice(0, query);
}

export function toHttpApiEvent(request: PlainRequest, context: EventContext): APIGatewayProxyEventV2 {
  const now = context.now ?? new Date();
  const queryAt = request.url.indexOf("?");
  const rawQueryString = queryAt === -1 ? "" : request.url.slice(queryAt + 1);
  const domainName = `${context.api.apiId}.execute-api.${context.api.region}.amazonaws.com`;
  const sourceIp = request.sourceIp ?? "127.0.0.1";
  const { headers, cookies } = apiGatewayHeaders(request.headers ?? {}, domainName, sourceIp, now);
  const query = queryParameters(rawQueryString);

  const bytes = typeof request.body === "string" ? Buffer.from(request.body, "utf8") : request.body;
  const hasBody = bytes !== undefined && bytes.byteLength > 0;
  const isBase64Encoded = hasBody && !TEXT_MEDIA_TYPE.test(headers["content-type"] ?? "");
  const requestId = context.requestId ?? apiGatewayRequestId();
  return {
    version: "2.0",
    routeKey: context.route.routeKey,
    rawPath: context.path,
    rawQueryString,
    cookies: cookies.length ? cookies : undefined,
    headers,
    queryStringParameters: query,
    pathParameters: context.route.pathParameters,
    requestContext: {
      accountId: context.api.accountId,
      apiId: context.api.apiId,
      ...(context.authorizer ? { authorizer: context.authorizer as never } : {}),
      domainName,
      domainPrefix: context.api.apiId,
      http: {
        method: request.method,
        path: context.path,
        protocol: "HTTP/1.1",
        sourceIp,
        userAgent: headers["user-agent"] ?? "",
      },
      requestId,
      routeKey: context.route.routeKey,
      stage: "$default",
      time: accessLogTime(now),
      timeEpoch: now.getTime(),
    },
    body: hasBody ? Buffer.from(bytes).toString(isBase64Encoded ? "base64" : "utf8") : undefined,
    isBase64Encoded,
  };
}

/** API Gateway's request ids look like `JKJaXmPLvHcESHA=`. */
export const apiGatewayRequestId = () => randomBytes(10).toString("base64");

/**
 * The headers the function sees: names lowercased, repeated ones joined with `,` (no space), cookies moved to
 * `cookies`, the API's own host, and the forwarding headers API Gateway adds for the connection it received.
 */
function apiGatewayHeaders(given: HeaderValues, host: string, sourceIp: string, now: Date) {
  const headers: Record<string, string> = {};
  const cookies: string[] = [];
  for (const [name, value] of Object.entries(given)) {
    if (value === undefined) continue;
    const values = typeof value === "string" ? [value] : [...value];
    const lower = name.toLowerCase();
    if (lower === "cookie") cookies.push(...values.flatMap((v) => v.split(/;\s*/)).filter(Boolean));
    else
      headers[lower] =
        headers[lower] === undefined ? values.join(",") : `${headers[lower]},${values.join(",")}`;
  }
  headers.host = host;
  headers["x-forwarded-for"] = headers["x-forwarded-for"]
    ? `${headers["x-forwarded-for"]}, ${sourceIp}`
    : sourceIp;
  headers["x-forwarded-port"] = "443";
  headers["x-forwarded-proto"] = "https";
  headers["x-amzn-trace-id"] ??=
    `Root=1-${Math.floor(now.getTime() / 1000).toString(16)}-${randomBytes(12).toString("hex")}`;
  return { headers, cookies };
}

/** Decoded names and values, a repeated name's values joined with `,`; undefined when there are none. */
function queryParameters(rawQueryString: string): Record<string, string> | undefined {
  const query: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(rawQueryString))
    query[name] = name in query ? `${query[name]},${value}` : value;
  return Object.keys(query).length ? query : undefined;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** `requestContext.time`: the access-log form, e.g. `12/Mar/2020:19:03:58 +0000`. */
export function accessLogTime(date: Date): string {
  const two = (n: number) => String(n).padStart(2, "0");
  return (
    `${two(date.getUTCDate())}/${MONTHS[date.getUTCMonth()]}/${date.getUTCFullYear()}:` +
    `${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())} +0000`
  );
}

/** Interprets a handler's result the way API Gateway does, including its shorthand for bare JSON values. */
export function fromHttpApiResult(
  result: APIGatewayProxyStructuredResultV2 | string | object,
): PlainResponse {
  if (typeof result !== "object" || result === null || !("statusCode" in result)) {
    return {
      status: 200,
      headers: { "content-type": "application/json" },
      cookies: [],
      body: Buffer.from(JSON.stringify(result)),
    };
  }
  const structured = result as APIGatewayProxyStructuredResultV2;
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(structured.headers ?? {}))
    headers[name.toLowerCase()] = String(value);
  const body = structured.body ?? "";
  return {
    status: structured.statusCode ?? 200,
    headers,
    cookies: structured.cookies ?? [],
    body: Buffer.from(body, structured.isBase64Encoded ? "base64" : "utf8"),
  };
}

/** The parts of a Lambda context the handlers read, for one invocation. */
export function lambdaContext(functionName: string, requestId: string): Context {
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: "$LATEST",
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${functionName}`,
    memoryLimitInMB: "256",
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: "sandbox",
    getRemainingTimeInMillis: () => 10_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
