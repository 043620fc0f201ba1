// Serves a built SPA directory the way the Users UI's CloudFront distribution serves its S3 bucket: files by
// path with their content type and cache policy, every other path answered by index.html (the distribution's
// 403/404 → /index.html fallback), and the response-headers policy's security headers on every answer.
import { createHash } from "node:crypto";
import { lstat, readFile } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { extname, resolve, sep } from "node:path";
import {
  HASHED_ASSETS_CACHE_CONTROL,
  SECURITY_HEADERS,
  UNHASHED_CACHE_CONTROL,
} from "../usermanagement/users-ui/spa/http-headers";

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".map": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
  ".woff2": "font/woff2",
};

export type StaticSite = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

export function createStaticSite(rootDir: string): StaticSite {
  const root = resolve(rootDir);
  return async (req, res) => {
    const method = req.method ?? "GET";
    if (method !== "GET" && method !== "HEAD") {
      // The default behaviour allows only what reading a bucket needs.
      res.writeHead(405, { ...SECURITY_HEADERS, allow: "GET, HEAD", "content-type": "text/plain" });
      res.end("Method not allowed");
      return;
    }
    const file = (await existingFile(root, req.url ?? "/")) ?? resolve(root, "index.html");
    const body = await readFile(file);
    // S3's ETag for a single-part upload is the MD5 of the object, which CloudFront passes on.
    const etag = `"${createHash("md5").update(body).digest("hex")}"`;
    const headers = {
      ...SECURITY_HEADERS,
      "content-type": CONTENT_TYPES[extname(file)] ?? "application/octet-stream",
      "cache-control": file.startsWith(resolve(root, "assets") + sep)
        ? HASHED_ASSETS_CACHE_CONTROL
        : UNHASHED_CACHE_CONTROL,
      etag,
    };
    if (req.headers["if-none-match"] === etag) {
      res.writeHead(304, headers);
      res.end();
      return;
    }
    res.writeHead(200, { ...headers, "content-length": String(body.byteLength) });
    res.end(method === "HEAD" ? undefined : body);
  };
}

/**
 * The regular file `url` names inside `root`, or `undefined` when it names none: a directory, a missing file,
 * a path that is not valid, or one that would escape `root` (`..`, encoded or not), all of which fall back to
 * index.html as a missing S3 key does.
 */
async function existingFile(root: string, url: string): Promise<string | undefined> {
  let path: string;
  try {
    path = decodeURIComponent(new URL(url, "http://site.local").pathname);
  } catch {
    return undefined;
  }
  if (path.includes("\0")) return undefined;
  const file = resolve(root, `.${path}`);
  if (!file.startsWith(root + sep)) return undefined;
  // lstat, not stat: a symbolic link could point outside root.
  const stats = await lstat(file).catch(() => undefined);
  return stats?.isFile() ? file : undefined;
}
