// The sandbox's CloudFront sends each request to the first behaviour whose path pattern matches, else the
// default one, and applies that behaviour's allowed methods, viewer-request function, origin request policy and
// response headers policy as CloudFront does.
import { describe, expect, it } from "vitest";
import type { PlainRequest, PlainResponse } from "../../../sandbox/api-gateway/payload-v2";
import { type CacheBehaviour, sandboxDistribution } from "../../../sandbox/cloudfront/distribution";
import { originRequestPolicy } from "../../../sandbox/cloudfront/origin-request-policy";
import { responseHeadersPolicy } from "../../../sandbox/cloudfront/response-headers-policy";
import { loadViewerRequestFunction } from "../../../sandbox/cloudfront/viewer-request";

const ALL_METHODS = ["GET", "HEAD", "OPTIONS", "PUT", "PATCH", "POST", "DELETE"];

/** An origin that records what reached it and answers with its name. */
function recordingOrigin(name: string) {
  const requests: PlainRequest[] = [];
  const origin = async (request: PlainRequest): Promise<PlainResponse> => {
    requests.push(request);
    return {
      status: 200,
      headers: { "x-origin": name, server: "origin" },
      cookies: [],
      body: Buffer.from(name),
    };
  };
  return { origin, requests };
}

const api = recordingOrigin("api");
const site = recordingOrigin("site");
const headersPolicy = responseHeadersPolicy({
  SecurityHeadersConfig: {
    ReferrerPolicy: { ReferrerPolicy: "no-referrer", Override: true },
    ContentTypeOptions: { Override: false },
  },
  RemoveHeadersConfig: { Items: [{ Header: "Server" }] },
});
const viewerRequest = loadViewerRequestFunction(
  `function handler(event) {
    if (event.request.uri === "/gone") return { statusCode: 410, headers: { "x-by": { value: "function" } } };
    if (event.request.uri.indexOf(".") === -1) event.request.uri = "/index.html";
    return event.request;
  }`,
  "test-function",
);
const behaviours: CacheBehaviour[] = [
  {
    pathPattern: "/api/*",
    allowedMethods: ALL_METHODS,
    origin: api.origin,
    originRequestPolicy: originRequestPolicy({ HeaderBehavior: "allExcept", Headers: ["host"] }),
    responseHeadersPolicy: headersPolicy,
  },
  {
    allowedMethods: ["GET", "HEAD"],
    origin: site.origin,
    originRequestPolicy: originRequestPolicy(undefined),
    viewerRequest,
    responseHeadersPolicy: headersPolicy,
  },
];
const distribution = sandboxDistribution(behaviours);
const get = (url: string, init: Partial<PlainRequest> = {}) =>
  distribution({ method: "GET", url, sourceIp: "203.0.113.9", ...init });

describe("choosing a behaviour", () => {
  it("takes the first path pattern that matches, and the default behaviour for anything else", async () => {
    expect((await get("/api/users")).headers["x-origin"]).toBe("api");
    expect((await get("/apiary")).headers["x-origin"]).toBe("site");
    expect((await get("/")).headers["x-origin"]).toBe("site");
  });

  it("refuses a method the behaviour does not allow with CloudFront's 403, before any origin sees it", async () => {
    const before = site.requests.length;
    const answer = await get("/", { method: "POST" });
    expect(answer.status).toBe(403);
    expect(answer.body.toString()).toContain("not configured to allow the HTTP request method");
    expect(site.requests.length).toBe(before);
    expect((await get("/api/users", { method: "PROPFIND" })).status).toBe(403);
    expect((await get("/api/users", { method: "DELETE" })).status).toBe(200);
  });
});

describe("the viewer-request function", () => {
  it("sends the request it returns on to the origin", async () => {
    await get("/users/alice?tab=1");
    expect(site.requests.at(-1)?.url).toBe("/index.html?tab=1");
  });

  it("answers the viewer itself when it returns a response", async () => {
    const before = site.requests.length;
    const answer = await get("/gone");
    expect(answer.status).toBe(410);
    expect(answer.headers["x-by"]).toBe("function");
    expect(site.requests.length).toBe(before);
  });
});

describe("the origin request", () => {
  it("carries the headers the policy names, never the hop-by-hop ones, plus CloudFront's own", async () => {
    await get("/api/users", {
      headers: {
        host: "127.0.0.1:3000",
        "x-custom": "kept",
        connection: "keep-alive",
        "x-forwarded-for": "10.0.0.1",
      },
    });
    const { headers = {} } = api.requests.at(-1) ?? {};
    expect(headers.host).toBeUndefined();
    expect(headers.connection).toBeUndefined();
    expect(headers["x-custom"]).toBe("kept");
    expect(headers["x-forwarded-for"]).toBe("10.0.0.1, 203.0.113.9");
    expect(headers.via).toMatch(/^2\.0 [0-9a-f]+\.cloudfront\.net \(CloudFront\)$/);
    expect(headers["x-amz-cf-id"]).toBeTruthy();
  });

  it("carries no viewer header to an origin without a policy but the revalidation ones", async () => {
    await get("/index.html", { headers: { authorization: "Bearer x", "if-none-match": '"abc"' } });
    const { headers = {} } = site.requests.at(-1) ?? {};
    expect(headers.authorization).toBeUndefined();
    expect(headers["if-none-match"]).toBe('"abc"');
  });
});

describe("the response headers policy", () => {
  it("applies to every answer of its behaviours, the function's and the refusals included", async () => {
    for (const answer of [
      await get("/"),
      await get("/api/users"),
      await get("/gone"),
      await get("/", { method: "PUT" }),
    ]) {
      expect(answer.headers["referrer-policy"]).toBe("no-referrer");
      expect(answer.headers.server).toBeUndefined();
    }
  });
});
