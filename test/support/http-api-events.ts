// Payload-2.0 events built by hand, for what the sandbox's API Gateway would never send but a handler must
// still survive (a decoded or malformed path, a lying header, a GET with a body).
import type { APIGatewayProxyEventV2 } from "aws-lambda";

export interface EventParts {
  readonly method?: string;
  readonly rawPath?: string;
  readonly rawQueryString?: string;
  readonly headers?: Record<string, string>;
  readonly cookies?: string[];
  readonly body?: string;
  readonly isBase64Encoded?: boolean;
  readonly domainName?: string;
  readonly authorizer?: object;
}

export function httpApiEvent(parts: EventParts = {}): APIGatewayProxyEventV2 {
  const method = parts.method ?? "GET";
  const rawPath = parts.rawPath ?? "/";
  return {
    version: "2.0",
    routeKey: "$default",
    rawPath,
    rawQueryString: parts.rawQueryString ?? "",
    cookies: parts.cookies,
    headers: parts.headers ?? {},
    requestContext: {
      accountId: "000000000000",
      apiId: "abcdefghij",
      ...(parts.authorizer ? { authorizer: parts.authorizer as never } : {}),
      domainName: parts.domainName ?? "abcdefghij.execute-api.us-east-1.amazonaws.com",
      domainPrefix: "abcdefghij",
      http: { method, path: rawPath, protocol: "HTTP/1.1", sourceIp: "127.0.0.1", userAgent: "test" },
      requestId: "request-id",
      routeKey: "$default",
      stage: "$default",
      time: "30/Nov/2026:07:00:00 +0000",
      timeEpoch: 1_795_935_600_000,
    },
    body: parts.body,
    isBase64Encoded: parts.isBase64Encoded ?? false,
  };
}
