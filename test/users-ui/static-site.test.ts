// The sandbox's static site: it must answer as the CloudFront distribution in front of the S3 bucket does.
import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { createServer, request, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStaticSite } from "../../sandbox/static-site";
import { type BuiltFile, buildSpa } from "../../usermanagement/users-ui/spa/build";
import { CONTENT_SECURITY_POLICY } from "../../usermanagement/users-ui/spa/http-headers";

let workDir: string;
let files: BuiltFile[];
let server: Server;
let port: number;
let indexHtml: string;

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** node:http rather than fetch, which would normalise `..` away before the server saw it. */
function get(
  path: string,
  options: { method?: string; headers?: Record<string, string> } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({
      host: "127.0.0.1",
      port,
      path,
      method: options.method ?? "GET",
      headers: options.headers,
    });
    req.on("response", (res) => {
      let body = "";
      res.on("data", (chunk) => {
        body += chunk;
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), "static-site-test-"));
  const siteDir = join(workDir, "site");
  ({ files } = buildSpa(siteDir));
  // Files just outside the site, which no request may reach.
  await writeFile(join(workDir, "secret.txt"), "outside the site");
  await mkdir(join(siteDir, "nested"));
  await symlink(join(workDir, "secret.txt"), join(siteDir, "nested", "link.txt"));
  server = createServer((req, res) => void createStaticSite(siteDir)(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as { port: number }).port;
  indexHtml = (await get("/")).body;
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await rm(workDir, { recursive: true, force: true });
});

describe("the sandbox's static site", () => {
  it("answers / with index.html, never cached without revalidation", async () => {
    const answer = await get("/");
    expect(answer.status).toBe(200);
    expect(answer.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(answer.headers["cache-control"]).toBe("no-cache");
    expect(answer.body).toContain("<title>User Management</title>");
  });

  it("serves hashed assets with their content type and a year of immutable caching", async () => {
    const script = await get(`/${files[1].path}`);
    const stylesheet = await get(`/${files[2].path}`);
    expect(script.headers["content-type"]).toBe("text/javascript; charset=utf-8");
    expect(stylesheet.headers["content-type"]).toBe("text/css; charset=utf-8");
    for (const answer of [script, stylesheet]) {
      expect(answer.status).toBe(200);
      expect(answer.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
      expect(Number(answer.headers["content-length"])).toBe(Buffer.byteLength(answer.body));
    }
  });

  it("answers SPA routes and unknown paths with index.html and 200, like the distribution's fallback", async () => {
    for (const path of ["/users/alice", "/assets/missing-12345678.js", "/assets/", "/favicon.ico?x=1"]) {
      const answer = await get(path);
      expect(answer.status, path).toBe(200);
      expect(answer.body, path).toBe(indexHtml);
    }
  });

  it("sends the response-headers policy's security headers on every answer", async () => {
    for (const path of ["/", `/${files[1].path}`, "/no/such/page"]) {
      const { headers } = await get(path);
      expect(headers["content-security-policy"], path).toBe(CONTENT_SECURITY_POLICY);
      expect(headers["x-content-type-options"], path).toBe("nosniff");
      expect(headers["x-frame-options"], path).toBe("DENY");
      expect(headers["referrer-policy"], path).toBe("strict-origin-when-cross-origin");
    }
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self';");
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
  });

  it("never serves a file outside the site, whatever the path or a link inside says", async () => {
    for (const path of [
      "/../secret.txt",
      "/%2e%2e/secret.txt",
      "/assets/..%2f..%2fsecret.txt",
      "/..%5csecret.txt",
      "/nested/link.txt",
      "/%00",
      "/%E0%A4%A",
    ]) {
      const answer = await get(path);
      expect(answer.body, path).not.toContain("outside the site");
      expect(answer.body, path).toBe(indexHtml);
    }
  });

  it("answers a matching If-None-Match with 304 and HEAD without a body", async () => {
    const first = await get("/");
    const again = await get("/", { headers: { "if-none-match": String(first.headers.etag) } });
    expect(again.status).toBe(304);
    expect(again.body).toBe("");
    const head = await get("/", { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.body).toBe("");
  });

  it("refuses methods other than GET and HEAD", async () => {
    const answer = await get("/", { method: "POST" });
    expect(answer.status).toBe(405);
    expect(answer.headers.allow).toBe("GET, HEAD");
  });
});
