// Translates between plain HTTP and API Gateway HTTP API payload format 2.0, as API Gateway does in front of
// a Lambda function, so the sandbox and the tests invoke the real handlers with the events they get in AWS.
// Reference: https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html
import { randomUUID } from "node:crypto";
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from "aws-lambda";

export interface PlainRequest {
  readonly method: string;
  /** Path and optional query string, e.g. `/api/users?limit=5`. */
  readonly url: string;
  readonly headers?: Readonly<Record<string, string | readonly string[] | undefined>>;
  readonly body?: string | Uint8Array;
  /** @default "127.0.0.1" */
  readonly sourceIp?: string;
}

export interface PlainResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly cookies: readonly string[];
  readonly body: Buffer;
}

/** Bodies API Gateway passes as text; anything else arrives base64-encoded. */
const TEXT_MEDIA_TYPE =
  /^(text\/|application\/(?:[\w.+-]*\+)?(?:json|xml|x-www-form-urlencoded|javascript))/i;

export function toHttpApiEvent(request: PlainRequest): APIGatewayProxyEventV2 {
  const url = new URL(request.url, "http://sandbox.local");
  const headers: Record<string, string> = {};
  const cookies: string[] = [];
  for (const [name, value] of Object.entries(request.headers ?? {})) {
    if (value === undefined) continue;
    const values = typeof value === "string" ? [value] : [...value];
    if (name.toLowerCase() === "cookie") cookies.push(...values.flatMap((v) => v.split(/;\s*/)));
    // API Gateway joins repeated headers with commas and lowercases every name.
    else headers[name.toLowerCase()] = values.join(",");
  }
  const query: Record<string, string> = {};
  for (const [name, value] of url.searchParams)
    query[name] = name in query ? `${query[name]},${value}` : value;

  const bytes = typeof request.body === "string" ? Buffer.from(request.body, "utf8") : request.body;
  const hasBody = bytes !== undefined && bytes.byteLength > 0;
  const isBase64Encoded = hasBody && !TEXT_MEDIA_TYPE.test(headers["content-type"] ?? "");
  const now = new Date();
  return {
    version: "2.0",
    routeKey: "$default",
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    cookies: cookies.length ? cookies : undefined,
    headers,
    queryStringParameters: Object.keys(query).length ? query : undefined,
    requestContext: {
      accountId: "000000000000",
      apiId: "sandbox",
      domainName: headers.host ?? "127.0.0.1",
      domainPrefix: "sandbox",
      http: {
        method: request.method.toUpperCase(),
        path: url.pathname,
        protocol: "HTTP/1.1",
        sourceIp: request.sourceIp ?? "127.0.0.1",
        userAgent: headers["user-agent"] ?? "",
      },
      requestId: randomUUID(),
      routeKey: "$default",
      stage: "$default",
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    body: hasBody ? Buffer.from(bytes).toString(isBase64Encoded ? "base64" : "utf8") : undefined,
    isBase64Encoded,
  };
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

export type HttpApiHandler = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<APIGatewayProxyStructuredResultV2 | string | object>;

/** Invokes `handler` with the event API Gateway would build for `request`, and reads back its response. */
export async function invokeHttpApi(
  handler: HttpApiHandler,
  functionName: string,
  request: PlainRequest,
): Promise<PlainResponse> {
  const event = toHttpApiEvent(request);
  return fromHttpApiResult(await handler(event, lambdaContext(functionName, event.requestContext.requestId)));
}
