// The sandbox's API Gateway builds the payload-v2.0 event AWS sends for the matched route, and answers as
// API Gateway does when no route matches; every event it produces passes Powertools' schema of that event.
import { APIGatewayProxyEventV2Schema } from "@aws-lambda-powertools/parser/schemas";
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import {
  type HttpApi,
  invokeHttpApi,
  type LocalHttpApi,
  MAX_REQUEST_BYTES,
  serveHttpApi,
} from "../../../sandbox/api-gateway/http-api";
import { type JwtAuthorizer, unauthorized } from "../../../sandbox/api-gateway/jwt-authorizer";
import type { PlainRequest } from "../../../sandbox/api-gateway/payload-v2";
import { stageThrottle } from "../../../sandbox/api-gateway/stage-throttling";
import { READ_SCOPE, WRITE_SCOPE } from "../../../usermanagement/shared/runtime/access";
import { USERS_API_ROUTES } from "../../../usermanagement/users-api/api/runtime/routes";

/** The Users API's routes in front of a function that records its events and answers 200. */
function recordingApi(overrides: Partial<LocalHttpApi> = {}) {
  const events: APIGatewayProxyEventV2[] = [];
  const api: LocalHttpApi = {
    routes: USERS_API_ROUTES,
    functionName: "UsersApi",
    handler: async (event) => {
      // Every event the sandbox builds must be one Powertools accepts as API Gateway's.
      APIGatewayProxyEventV2Schema.parse(event);
      events.push(event);
      return { statusCode: 200, body: "" };
    },
    ...overrides,
  };
  return { api, events };
}

async function eventFor(request: PlainRequest): Promise<APIGatewayProxyEventV2> {
  const { api, events } = recordingApi();
  const response = await invokeHttpApi(api, request);
  expect(response.status).toBe(200);
  expect(events).toHaveLength(1);
  return events[0];
}

describe("the event of a matched route", () => {
  it("names the route and its path parameters, as the deployed API's explicit routes make AWS do", async () => {
    const event = await eventFor({ method: "GET", url: "/api/users/alice" });
    expect(event.routeKey).toBe("GET /api/users/{username}");
    expect(event.requestContext.routeKey).toBe("GET /api/users/{username}");
    expect(event.pathParameters).toEqual({ username: "alice" });
    expect((await eventFor({ method: "HEAD", url: "/api/users" })).routeKey).toBe("ANY /api/users");
  });

  it("joins a repeated header's values with a bare comma and moves cookies to `cookies`", async () => {
    const event = await eventFor({
      method: "GET",
      url: "/api/users",
      headers: { Accept: ["text/html", "application/json"], cookie: ["a=1; b=2", "c=3"] },
    });
    expect(event.headers.accept).toBe("text/html,application/json");
    expect(event.cookies).toEqual(["a=1", "b=2", "c=3"]);
    expect(event.headers.cookie).toBeUndefined();
  });

  it("carries the API's own host, its id as domain prefix, and the forwarding headers API Gateway adds", async () => {
    const event = await eventFor({
      method: "GET",
      url: "/api/users",
      headers: { host: "127.0.0.1:3000", "x-forwarded-for": "203.0.113.7" },
      sourceIp: "198.51.100.1",
    });
    const { domainName, domainPrefix, apiId } = event.requestContext;
    expect(domainName).toMatch(/^[a-z0-9]{10}\.execute-api\.[a-z0-9-]+\.amazonaws\.com$/);
    expect(domainPrefix).toBe(apiId);
    expect(event.headers.host).toBe(domainName);
    expect(event.headers["x-forwarded-for"]).toBe("203.0.113.7, 198.51.100.1");
    expect(event.headers["x-forwarded-proto"]).toBe("https");
    expect(event.headers["x-forwarded-port"]).toBe("443");
    expect(event.requestContext.http.sourceIp).toBe("198.51.100.1");
  });

  it("stamps the time it received the request, in epoch milliseconds and in the access-log format", async () => {
    const before = Date.now();
    const event = await eventFor({ method: "GET", url: "/api/users" });
    const after = Date.now();

    const { time, timeEpoch } = event.requestContext;
    expect(timeEpoch).toBeGreaterThanOrEqual(before);
    expect(timeEpoch).toBeLessThanOrEqual(after);
    // The same instant, to the second: e.g. 30/Nov/2026:07:00:00 +0000.
    const at = new Date(timeEpoch);
    const two = (n: number) => String(n).padStart(2, "0");
    const month = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    expect(time).toBe(
      `${two(at.getUTCDate())}/${month[at.getUTCMonth()]}/${at.getUTCFullYear()}:` +
        `${two(at.getUTCHours())}:${two(at.getUTCMinutes())}:${two(at.getUTCSeconds())} +0000`,
    );
  });

  it("keeps a trailing slash in the path it passes on, though it routed without it", async () => {
    const event = await eventFor({ method: "GET", url: "/api/users/" });
    expect(event).toMatchObject({ routeKey: "GET /api/users", rawPath: "/api/users/" });
  });

  it("passes the path percent-decoded, as HTTP APIs do, and the query string as sent", async () => {
    const event = await eventFor({ method: "GET", url: "/api/users/a%20b%C3%A9?x=1%202&x=3&y" });
    expect(event.rawPath).toBe("/api/users/a bé");
    expect(event.requestContext.http.path).toBe("/api/users/a bé");
    expect(event.pathParameters).toEqual({ username: "a bé" });
    expect(event.rawQueryString).toBe("x=1%202&x=3&y");
    expect(event.queryStringParameters).toEqual({ x: "1 2,3", y: "" });
  });

  it("sends text/*, JSON, XML and JavaScript bodies as text and anything else base64-encoded, as measured on AWS", async () => {
    const json = await eventFor({
      method: "POST",
      url: "/api/users",
      headers: { "content-type": "application/json" },
      body: '{"a":1}',
    });
    expect(json).toMatchObject({ body: '{"a":1}', isBase64Encoded: false });
    const binary = await eventFor({
      method: "POST",
      url: "/api/users",
      headers: { "content-type": "application/octet-stream" },
      body: Uint8Array.from([0xff, 0x00]),
    });
    expect(binary).toMatchObject({ body: "/wA=", isBase64Encoded: true });
    for (const contentType of ["application/x-www-form-urlencoded", "application/problem+json", undefined]) {
      const encoded = await eventFor({
        method: "POST",
        url: "/api/users",
        headers: contentType ? { "content-type": contentType } : {},
        body: "a=1",
      });
      expect(encoded, String(contentType)).toMatchObject({ body: "YT0x", isBase64Encoded: true });
    }
    const withCharset = await eventFor({
      method: "POST",
      url: "/api/users",
      headers: { "content-type": "application/json; charset=utf-8" },
      body: "{}",
    });
    expect(withCharset).toMatchObject({ body: "{}", isBase64Encoded: false });
  });

  it("puts what the authorizer decided at requestContext.authorizer", async () => {
    const { api, events } = recordingApi();
    const authorizer = { jwt: { claims: { sub: "x" }, scopes: null } };
    await invokeHttpApi(api, { method: "GET", url: "/api/users" }, { authorizer });
    expect((events[0].requestContext as { authorizer?: unknown }).authorizer).toEqual(authorizer);
  });

  it("builds a schema-valid event for any request a route matches", async () => {
    const { api, events } = recordingApi();
    const token = fc.stringMatching(/^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,12}$/);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("GET", "HEAD", "OPTIONS", "PUT", "PATCH", "POST", "DELETE"),
        fc.oneof(
          fc.constant(""),
          fc.webSegment().filter((s) => s.length > 0 && !s.includes("/")),
        ),
        fc.webQueryParameters(),
        fc.dictionary(
          token.map((t) => t.toLowerCase()),
          fc.array(fc.stringMatching(/^[ -~]{0,20}$/), { minLength: 1, maxLength: 3 }),
        ),
        fc.option(fc.uint8Array({ maxLength: 64 })),
        fc.constantFrom("application/json", "text/plain", "application/octet-stream", "image/png"),
        async (method, segment, query, headers, body, contentType) => {
          const before = events.length;
          const url = `/api/users${segment ? `/${segment}` : ""}${query ? `?${query}` : ""}`;
          const response = await invokeHttpApi(api, {
            method,
            url,
            headers: { ...headers, "content-type": contentType },
            body: body ?? undefined,
          });
          // A segment that decodes to something with a slash in it matches no route: API Gateway's 404.
          if (response.status === 404) expect(events.length).toBe(before);
          else expect(events.length).toBe(before + 1);
        },
      ),
      { numRuns: 300 },
    );
    expect(events.length).toBeGreaterThan(200);
  });
});

describe("a request no route takes", () => {
  it("gets API Gateway's own 404 and never reaches the function", async () => {
    const { api, events } = recordingApi();
    for (const url of ["/api/usersx", "/api/users/a/b", "/api/users/a%2Fb", "/api/users//"]) {
      const response = await invokeHttpApi(api, { method: "GET", url });
      expect(response.status, url).toBe(404);
      expect(response.headers["content-type"]).toBe("application/json");
      expect(JSON.parse(response.body.toString())).toEqual({ message: "Not Found" });
    }
    expect(events).toEqual([]);
  });

  it("gets 413 past API Gateway's payload limit, and the function never sees it", async () => {
    const { api, events } = recordingApi();
    const response = await invokeHttpApi(api, {
      method: "POST",
      url: "/api/users",
      body: new Uint8Array(MAX_REQUEST_BYTES + 1),
    });
    expect(response.status).toBe(413);
    expect(JSON.parse(response.body.toString())).toEqual({ message: "Request Entity Too Large" });
    expect(events).toEqual([]);
  });

  it("gets the authorizer's refusal, after the route matched and before the function", async () => {
    const { api, events } = recordingApi({
      authorize: async () => ({ ok: false, response: unauthorized() }),
    });
    expect((await invokeHttpApi(api, { method: "GET", url: "/api/nowhere/x" })).status).toBe(404);
    const refused = await invokeHttpApi(api, { method: "GET", url: "/api/users" });
    expect(refused.status).toBe(401);
    expect(JSON.parse(refused.body.toString())).toEqual({ message: "Unauthorized" });
    expect(events).toEqual([]);
  });

  it("has the authorizer require the matched route's scopes, as the route's AuthorizationScopes make AWS do", async () => {
    const required: (readonly string[] | undefined)[] = [];
    const { api } = recordingApi({
      authorize: async (_headers, routeScopes) => {
        required.push(routeScopes);
        return { ok: false, response: unauthorized() };
      },
    });

    for (const [method, url] of [
      ["GET", "/api/users"],
      ["DELETE", "/api/users/alice"],
      ["PROPFIND", "/api/users/alice"],
    ]) {
      await invokeHttpApi(api, { method, url });
    }

    expect(required).toEqual([[READ_SCOPE], [WRITE_SCOPE], [READ_SCOPE, WRITE_SCOPE]]);
  });
});

describe("a function that fails", () => {
  it("answers API Gateway's bare 500", async () => {
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    const { api } = recordingApi({
      handler: async () => {
        throw new Error("boom");
      },
    });
    const response = await invokeHttpApi(api, { method: "GET", url: "/api/users" });
    expect(response.status).toBe(500);
    expect(JSON.parse(response.body.toString())).toEqual({ message: "Internal Server Error" });
  });
});

describe("a route of a deployed API", () => {
  const ok = async () => ({ status: 200, headers: {}, cookies: [], body: Buffer.alloc(0) });

  it("hands its authorizer the route's own scopes", async () => {
    const asked: (readonly string[] | undefined)[] = [];
    const authorizer: JwtAuthorizer = async (_headers, scopes) => {
      asked.push(scopes);
      return { ok: true, context: { jwt: { claims: {}, scopes: null } } };
    };
    const api: HttpApi = {
      identity: { apiId: "abcdefghij", region: "us-east-1", accountId: "000000000000" },
      routes: [
        { routeKey: "GET /api/users", authorizer, authorizationScopes: ["users-api/read"], integration: ok },
        {
          routeKey: "POST /api/users",
          authorizer,
          authorizationScopes: ["users-api/write"],
          integration: ok,
        },
      ],
    };
    await serveHttpApi(api, { method: "GET", url: "/api/users" });
    await serveHttpApi(api, { method: "POST", url: "/api/users" });
    expect(asked).toEqual([["users-api/read"], ["users-api/write"]]);
  });

  it("answers 429 as API Gateway does once the stage's bucket for the route is empty, without calling it", async () => {
    let calls = 0;
    const api: HttpApi = {
      identity: { apiId: "abcdefghij", region: "us-east-1", accountId: "000000000000" },
      routes: [
        {
          routeKey: "GET /api/users",
          integration: async () => {
            calls++;
            return ok();
          },
        },
      ],
      throttle: stageThrottle({
        DefaultRouteSettings: { ThrottlingBurstLimit: 2, ThrottlingRateLimit: 0.001 },
      }),
    };
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await serveHttpApi(api, { method: "GET", url: "/api/users" }));
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 429]);
    expect(JSON.parse(answers[2].body.toString())).toEqual({ message: "Too Many Requests" });
    expect(calls).toBe(2);
  });
});
