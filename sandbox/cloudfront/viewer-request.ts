// Runs a distribution's viewer-request function (its `FunctionCode`, as the template deploys it) the way
// CloudFront Functions does: evaluated on its own, called with a viewer-request event, and either the request
// it returns goes on to the origin or the response it returns goes back to the viewer.
// Event and result shapes: "CloudFront Functions event structure"
// (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/functions-event-structure.html).
import { randomBytes } from "node:crypto";
import { runInNewContext } from "node:vm";
import type { HeaderValues, PlainResponse } from "../api-gateway/payload-v2";

interface FieldValue {
  value: string;
  multiValue?: { value: string }[];
}

export interface FunctionRequest {
  method: string;
  uri: string;
  querystring: Record<string, FieldValue>;
  headers: Record<string, FieldValue>;
  cookies: Record<string, FieldValue>;
}

interface FunctionResponse {
  statusCode: number;
  statusDescription?: string;
  headers?: Record<string, FieldValue>;
  body?: string | { data: string; encoding: "text" | "base64" };
}

export type ViewerRequestOutcome =
  | { readonly forward: FunctionRequest }
  | { readonly respond: PlainResponse };

export type ViewerRequestFunction = (
  request: { method: string; url: string; headers: HeaderValues },
  viewerIp: string,
) => Promise<ViewerRequestOutcome>;

/**
 * @param code the function's source, which defines `handler`
 * @param name the function's name, for its stack traces
 */
export function loadViewerRequestFunction(code: string, name: string): ViewerRequestFunction {
  // A context of its own: the function sees only the language's built-ins, as in CloudFront.
  const handler = runInNewContext(`${code}\n;handler`, {}, { filename: name }) as (
    event: unknown,
  ) => FunctionRequest | FunctionResponse | Promise<FunctionRequest | FunctionResponse>;
  return async (request, viewerIp) => {
    const queryAt = request.url.indexOf("?");
    const event = {
      version: "1.0",
      context: {
        distributionDomainName: "d111111abcdef8.cloudfront.net",
        distributionId: "ESANDBOX",
        eventType: "viewer-request",
        requestId: randomBytes(28).toString("base64url"),
      },
      viewer: { ip: viewerIp },
      request: {
        method: request.method,
        uri: queryAt === -1 ? request.url : request.url.slice(0, queryAt),
        querystring: fields(new URLSearchParams(queryAt === -1 ? "" : request.url.slice(queryAt + 1))),
        headers: fields(headerEntries(request.headers)),
        cookies: fields(cookieEntries(request.headers.cookie)),
      },
    };
    const result = await handler(event);
    if ("statusCode" in result) return { respond: toPlainResponse(result) };
    return { forward: result };
  };
}

function* headerEntries(headers: HeaderValues): Iterable<[string, string]> {
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || name.toLowerCase() === "cookie") continue;
    for (const one of typeof value === "string" ? [value] : value) yield [name.toLowerCase(), one];
  }
}

function* cookieEntries(cookie: string | readonly string[] | undefined): Iterable<[string, string]> {
  for (const line of typeof cookie === "string" ? [cookie] : (cookie ?? [])) {
    for (const pair of line.split(/;\s*/)) {
      const at = pair.indexOf("=");
      if (at > 0) yield [pair.slice(0, at), pair.slice(at + 1)];
    }
  }
}

/** CloudFront Functions' `{ value, multiValue }` form of repeated fields. */
function fields(entries: Iterable<[string, string]>): Record<string, FieldValue> {
  const result: Record<string, FieldValue> = {};
  for (const [name, value] of entries) {
    const field = result[name];
    if (!field) result[name] = { value };
    else field.multiValue = [...(field.multiValue ?? [{ value: field.value }]), { value }];
  }
  return result;
}

function toPlainResponse(response: FunctionResponse): PlainResponse {
  const headers: Record<string, string> = {};
  for (const [name, field] of Object.entries(response.headers ?? {}))
    headers[name.toLowerCase()] = field.value;
  const body =
    typeof response.body === "string"
      ? Buffer.from(response.body)
      : response.body
        ? Buffer.from(response.body.data, response.body.encoding === "base64" ? "base64" : "utf8")
        : Buffer.alloc(0);
  return { status: response.statusCode, headers, cookies: [], body };
}
