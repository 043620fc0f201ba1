// A private bucket answering a distribution through origin access control: an object by its key (S3 decodes the
// path into the key), with the metadata it was uploaded with; and, because the distribution may not list the
// bucket, 403 AccessDenied (XML) for any key that is no object ("How CloudFront handles HTTP 4xx from an S3
// origin"; S3's REST error responses).
import type { PlainRequest, PlainResponse } from "../api-gateway/payload-v2";
import type { Buckets } from "./buckets";

export function originAccess(
  buckets: Buckets,
  bucket: string,
): (request: PlainRequest) => Promise<PlainResponse> {
  return async ({ method, url, headers = {} }) => {
    const key = objectKey(url.split("?")[0]);
    const object = key === undefined ? undefined : buckets.get(bucket, key);
    if (!object) return accessDenied(method);
    const objectHeaders: Record<string, string> = { "content-type": object.contentType, etag: object.etag };
    if (object.cacheControl) objectHeaders["cache-control"] = object.cacheControl;
    if (headers["if-none-match"] === object.etag) {
      return { status: 304, headers: objectHeaders, cookies: [], body: Buffer.alloc(0) };
    }
    return {
      status: 200,
      headers: { ...objectHeaders, "content-length": String(object.body.byteLength) },
      cookies: [],
      body: method === "HEAD" ? Buffer.alloc(0) : object.body,
    };
  };
}

function objectKey(path: string): string | undefined {
  try {
    const key = decodeURIComponent(path).slice(1);
    return key && !key.includes("\0") ? key : undefined;
  } catch {
    return undefined;
  }
}

function accessDenied(method: string): PlainResponse {
  const xml =
    '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>';
  return {
    status: 403,
    headers: { "content-type": "application/xml" },
    cookies: [],
    body: method === "HEAD" ? Buffer.alloc(0) : Buffer.from(xml),
  };
}
