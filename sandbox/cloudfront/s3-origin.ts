// Serves a built SPA directory the way the private S3 bucket answers the distribution through origin access
// control: an object by its key, with the Cache-Control it was uploaded with; and, because the distribution
// may not list the bucket, 403 AccessDenied (XML) for any key that is not an object.
import { createHash } from "node:crypto";
import { lstat, readFile } from "node:fs/promises";
import { extname, resolve, sep } from "node:path";
import {
  HASHED_ASSETS_CACHE_CONTROL,
  UNHASHED_CACHE_CONTROL,
} from "../../usermanagement/users-ui/spa/cache-control";
import type { HeaderValues, PlainResponse } from "../api-gateway/payload-v2";

/** The types BucketDeployment uploads these files with (it looks them up by extension). */
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  ".html": "text/html",
  ".js": "text/javascript",
  ".css": "text/css",
  ".json": "application/json",
  ".map": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".txt": "text/plain",
  ".woff2": "font/woff2",
};

export type S3Origin = (request: {
  method: string;
  uri: string;
  headers: HeaderValues;
}) => Promise<PlainResponse>;

export function s3Origin(rootDir: string): S3Origin {
  const root = resolve(rootDir);
  return async ({ method, uri, headers }) => {
    const file = await objectFile(root, uri);
    if (!file) return accessDenied(method);
    const body = await readFile(file);
    // S3's ETag for a single-part upload is the MD5 of the object.
    const etag = `"${createHash("md5").update(body).digest("hex")}"`;
    const objectHeaders = {
      "content-type": CONTENT_TYPES[extname(file)] ?? "application/octet-stream",
      "cache-control": file.startsWith(resolve(root, "assets") + sep)
        ? HASHED_ASSETS_CACHE_CONTROL
        : UNHASHED_CACHE_CONTROL,
      etag,
    };
    if (headers["if-none-match"] === etag)
      return { status: 304, headers: objectHeaders, cookies: [], body: Buffer.alloc(0) };
    return {
      status: 200,
      headers: { ...objectHeaders, "content-length": String(body.byteLength) },
      cookies: [],
      body: method === "HEAD" ? Buffer.alloc(0) : body,
    };
  };
}

/**
 * The regular file the key names inside `root`, or undefined: S3 decodes the path into the key, and a key that
 * is not an object (a "directory", a missing file, one that would escape the site, a symbolic link) is none.
 */
async function objectFile(root: string, uri: string): Promise<string | undefined> {
  let key: string;
  try {
    key = decodeURIComponent(uri).slice(1);
  } catch {
    return undefined;
  }
  if (!key || key.includes("\0")) return undefined;
  const file = resolve(root, key);
  if (!file.startsWith(root + sep)) return undefined;
  const stats = await lstat(file).catch(() => undefined);
  return stats?.isFile() ? file : undefined;
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
