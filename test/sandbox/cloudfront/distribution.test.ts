// The sandbox's distribution answers as the Users UI's CloudFront distribution does: the API behaviours pass
// every answer through unchanged, the default behaviour runs the deployed viewer-request function and then
// the S3 origin, which says 403 AccessDenied for a key that is no object.
import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { invokeHttpApi, type LocalHttpApi } from "../../../sandbox/api-gateway/http-api";
import type { PlainRequest, PlainResponse } from "../../../sandbox/api-gateway/payload-v2";
import { type Distribution, sandboxDistribution } from "../../../sandbox/cloudfront/distribution";
import { s3Origin } from "../../../sandbox/cloudfront/s3-origin";
import { loadViewerRequestFunction } from "../../../sandbox/cloudfront/viewer-request";
import { CHATBOT_API_ROUTES } from "../../../usermanagement/chatbot-api/nlp/runtime/routes";
import { ProblemError } from "../../../usermanagement/shared/runtime/problem-details";
import { USERS_API_ROUTES } from "../../../usermanagement/users-api/api/runtime/routes";
import { securityHeaders } from "../../../usermanagement/users-ui/cdn/security-headers";
import { type BuiltFile, buildSpa } from "../../../usermanagement/users-ui/spa/build";

let workDir: string;
let files: BuiltFile[];
let distribution: Distribution;
let indexHtml: string;
/** What reached the APIs' functions. */
const forwarded: { url: string; headers: Record<string, string> }[] = [];
const HEADERS = securityHeaders(["http://127.0.0.1:4000"]);

/** An API whose function answers what the test asks through the `x-answer` header, e.g. `404`. */
function scriptedApi(routes: LocalHttpApi["routes"], functionName: string): LocalHttpApi {
  return {
    routes,
    functionName,
    handler: async (event) => {
      forwarded.push({ url: event.rawPath, headers: event.headers as Record<string, string> });
      const status = Number(event.headers["x-answer"] ?? 200);
      const problem = new ProblemError(status, "scripted", "Scripted", "as asked").problem;
      return {
        statusCode: status,
        headers: { "content-type": "application/problem+json" },
        body: JSON.stringify(problem),
      };
    },
  };
}

const get = (url: string, init: Partial<PlainRequest> = {}): Promise<PlainResponse> =>
  distribution({ method: "GET", url, sourceIp: "203.0.113.9", ...init });
const text = (answer: PlainResponse) => answer.body.toString("utf8");

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), "distribution-test-"));
  const siteDir = join(workDir, "site");
  ({ files } = buildSpa(siteDir));
  // A file just outside the site, which no request may reach, and a link to it inside.
  await writeFile(join(workDir, "secret.txt"), "outside the site");
  await mkdir(join(siteDir, "nested"));
  await symlink(join(workDir, "secret.txt"), join(siteDir, "nested", "link.txt"));
  distribution = sandboxDistribution({
    apis: [scriptedApi(USERS_API_ROUTES, "UsersApi"), scriptedApi(CHATBOT_API_ROUTES, "ChatbotApi")],
    site: s3Origin(siteDir),
    viewerRequest: loadViewerRequestFunction(),
    responseHeaders: HEADERS,
    invokeApi: (api, request) => invokeHttpApi(api, request),
  });
  indexHtml = text(await get("/index.html"));
});

afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

describe("the default behaviour", () => {
  it("answers / and every app route (a path without a file extension) with index.html, revalidated each use", async () => {
    for (const path of ["/", "/users/alice", "/assets/", "/settings?tab=1", "/%E0%A4%A"]) {
      const answer = await get(path);
      expect(answer.status, path).toBe(200);
      expect(answer.headers["content-type"], path).toBe("text/html");
      expect(answer.headers["cache-control"], path).toBe("no-cache");
      expect(text(answer), path).toBe(indexHtml);
    }
    expect(indexHtml).toContain("<title>User Management</title>");
  });

  it("serves hashed assets with their content type and a year of immutable caching", async () => {
    const script = await get(`/${files[1].path}`);
    const stylesheet = await get(`/${files[2].path}`);
    expect(script.headers["content-type"]).toBe("text/javascript");
    expect(stylesheet.headers["content-type"]).toBe("text/css");
    for (const answer of [script, stylesheet]) {
      expect(answer.status).toBe(200);
      expect(answer.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
      expect(Number(answer.headers["content-length"])).toBe(answer.body.byteLength);
    }
  });

  it("answers a file that does not exist with S3's 403 AccessDenied, not with the page", async () => {
    for (const path of ["/assets/missing-12345678.js", "/favicon.ico", "/config.json"]) {
      const answer = await get(path);
      expect(answer.status, path).toBe(403);
      expect(answer.headers["content-type"], path).toBe("application/xml");
      expect(text(answer), path).toContain("<Code>AccessDenied</Code>");
    }
  });

  it("answers a path under /api/ that no API behaviour takes with the function's own 404 problem", async () => {
    for (const path of ["/api/nope", "/api/", "/api"]) {
      const answer = await get(path);
      expect(answer.status, path).toBe(404);
      expect(answer.headers["content-type"], path).toBe("application/problem+json");
      // Shaped exactly as the APIs' own routers answer a path they do not serve.
      const expected = new ProblemError(404, "not-found", "Not found", `Nothing is served at ${path}.`)
        .problem;
      expect(JSON.parse(text(answer)), path).toEqual(JSON.parse(JSON.stringify(expected)));
    }
  });

  it("never serves a file outside the site, whatever the path or a link inside says", async () => {
    for (const path of [
      "/../secret.txt",
      "/%2e%2e/secret.txt",
      "/assets/..%2f..%2fsecret.txt",
      "/..%5csecret.txt",
      "/nested/link.txt",
      "/%00.txt",
    ]) {
      const answer = await get(path);
      expect(text(answer), path).not.toContain("outside the site");
      expect(answer.status, path).toBe(403);
    }
  });

  it("answers a matching If-None-Match with 304 and HEAD without a body", async () => {
    const first = await get("/");
    const again = await get("/", { headers: { "if-none-match": first.headers.etag } });
    expect(again.status).toBe(304);
    expect(again.body.byteLength).toBe(0);
    const head = await get("/", { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.body.byteLength).toBe(0);
  });

  it("refuses methods other than GET and HEAD with CloudFront's 403, as the behaviour allows only those", async () => {
    for (const method of ["POST", "PUT", "DELETE", "OPTIONS", "TRACE"]) {
      const answer = await get("/", { method });
      expect(answer.status, method).toBe(403);
      expect(answer.headers["content-type"]).toBe("text/html");
    }
  });
});

describe("the API behaviours", () => {
  it("pass every status an API answers through unchanged, errors included", async () => {
    for (const status of [200, 201, 204, 400, 401, 403, 404, 409, 412, 500]) {
      const answer = await get("/api/users/nobody", { headers: { "x-answer": String(status) } });
      expect(answer.status).toBe(status);
    }
    expect((await get("/api/chat", { method: "POST", headers: { "x-answer": "404" } })).status).toBe(404);
  });

  it("send a path the API declares no route for to API Gateway, which answers its own 404", async () => {
    const answer = await get("/api/usersx");
    expect(answer.status).toBe(404);
    expect(JSON.parse(text(answer))).toEqual({ message: "Not Found" });
  });

  it("forward every header but Host and the hop-by-hop ones, with the viewer's address and CloudFront's own headers", async () => {
    forwarded.length = 0;
    await get("/api/users", {
      headers: {
        host: "127.0.0.1:3000",
        "x-custom": "kept",
        connection: "keep-alive",
        "keep-alive": "timeout=5",
      },
    });
    const [{ headers }] = forwarded;
    expect(headers.host).not.toBe("127.0.0.1:3000");
    expect(headers.connection).toBeUndefined();
    expect(headers["keep-alive"]).toBeUndefined();
    expect(headers["x-custom"]).toBe("kept");
    expect(headers["x-forwarded-for"]).toMatch(/^203\.0\.113\.9, /);
    expect(headers.via).toMatch(/^2\.0 [0-9a-f]+\.cloudfront\.net \(CloudFront\)$/);
    expect(headers["x-amz-cf-id"]).toBeTruthy();
  });

  it("refuse methods CloudFront does not forward (TRACE, PROPFIND) before they reach API Gateway", async () => {
    forwarded.length = 0;
    for (const method of ["TRACE", "PROPFIND", "CONNECT"]) {
      const answer = await get("/api/users", { method });
      expect(answer.status, method).toBe(403);
    }
    expect(forwarded).toEqual([]);
    expect((await get("/api/users/alice", { method: "DELETE" })).status).toBe(200);
  });
});

describe("the response headers policy", () => {
  it("puts the security headers on every answer, the APIs' and the errors' included", async () => {
    for (const answer of [
      await get("/"),
      await get(`/${files[1].path}`),
      await get("/missing.js"),
      await get("/api/nope"),
      await get("/api/users"),
      await get("/", { method: "POST" }),
    ]) {
      for (const [name, value] of Object.entries(HEADERS)) expect(answer.headers[name]).toBe(value);
    }
    expect(HEADERS["content-security-policy"]).toContain("connect-src 'self' http://127.0.0.1:4000;");
    expect(HEADERS["content-security-policy"]).toContain("frame-ancestors 'none'");
  });
});
