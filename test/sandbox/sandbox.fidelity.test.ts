// The running sandbox, in this process: it answers 503 to every request until it is ready, and afterwards every
// event it hands a handler is one API Gateway could send; unknown paths get the answers AWS gives.
import { APIGatewayProxyEventV2Schema } from "@aws-lambda-powertools/parser/schemas";
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../../sandbox/free-port";
import { type RunningSandbox, startSandbox } from "../../sandbox/sandbox";
import { machineToken } from "../support/sandbox-users";

interface EarlyAnswer {
  readonly request: string;
  readonly status: number;
  readonly retryAfter: string | null;
}

const events: APIGatewayProxyEventV2[] = [];
const invalidEvents: unknown[] = [];
const earlyAnswers: EarlyAnswer[] = [];
let sandbox: RunningSandbox;
let authorization: string;

beforeAll(async () => {
  const port = await freePort();
  let ready = false;
  const starting = startSandbox({
    port,
    report: () => undefined,
    functionLogs: () => undefined,
    onApiEvent: (event) => {
      const parsed = APIGatewayProxyEventV2Schema.safeParse(event);
      if (!parsed.success) invalidEvents.push({ event, issues: parsed.error.issues });
      events.push(event);
    },
  }).then((running) => {
    ready = true;
    return running;
  });
  // Poll as a readiness script would, with API and site requests alike, until start-up finishes.
  const probes: [string, RequestInit][] = [
    ["/", {}],
    ["/api/users", {}],
    ["/api/users", { method: "POST", body: "{}", headers: { "content-type": "application/json" } }],
    ["/api/chat", { method: "POST", body: "{}" }],
    ["/config.json", {}],
  ];
  const poll = (async () => {
    while (!ready) {
      for (const [path, init] of probes) {
        const answer = await fetch(`http://127.0.0.1:${port}${path}`, init).catch(() => undefined);
        if (answer && !ready) {
          earlyAnswers.push({
            request: `${init.method ?? "GET"} ${path}`,
            status: answer.status,
            retryAfter: answer.headers.get("retry-after"),
          });
        }
        await answer?.arrayBuffer();
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  sandbox = await starting;
  await poll;
  authorization = `Bearer ${await machineToken(sandbox.url)}`;
}, 120_000);

afterAll(async () => {
  await sandbox?.stop();
});

describe("a starting sandbox", () => {
  it("answers every request, an API's included, with 503 and Retry-After until it is ready", () => {
    // Each kind of probe was answered at least once while the sandbox was starting.
    expect(new Set(earlyAnswers.map((answer) => answer.request)).size).toBe(5);
    for (const answer of earlyAnswers)
      expect(answer, answer.request).toMatchObject({ status: 503, retryAfter: "1" });
  });
});

describe("a ready sandbox", () => {
  const call = (path: string, init: RequestInit = {}) =>
    fetch(`${sandbox.url}${path}`, { ...init, headers: { authorization, ...init.headers } });

  it("answers an unknown user with the Users API's 404 problem, and an unknown /api/ path with the function's", async () => {
    const nobody = await call("/api/users/nobody");
    expect(nobody.status).toBe(404);
    expect(nobody.headers.get("content-type")).toBe("application/problem+json");
    expect(await nobody.json()).toMatchObject({ status: 404, type: expect.stringMatching(/not-found$/) });

    const nope = await call("/api/nope");
    expect(nope.status).toBe(404);
    expect(nope.headers.get("content-type")).toBe("application/problem+json");
    expect(await nope.json()).toEqual({
      type: "tag:usermanagement,2026:not-found",
      title: "Not found",
      status: 404,
      detail: "Nothing is served at /api/nope.",
    });
  });

  it("answers a path under /api/users that no route takes as API Gateway does, without invoking the handler", async () => {
    const before = events.length;
    const answer = await call("/api/usersx");
    expect(answer.status).toBe(404);
    expect(await answer.json()).toEqual({ message: "Not Found" });
    expect(events.length).toBe(before);
  });

  it("hands the handlers only events that pass Powertools' schema of API Gateway's payload 2.0", async () => {
    const json = { "content-type": "application/json" };
    await call("/api/users", {
      method: "POST",
      headers: json,
      body: JSON.stringify({ username: "fidelity", email: "fidelity@example.com" }),
    });
    await call("/api/users/fidelity", { headers: { accept: "application/json", "x-multi": "a" } });
    await call("/api/users?limit=2&cursor=", { headers: { cookie: "a=1; b=2" } });
    await call("/api/users/fidelity", { method: "PATCH", headers: json, body: '{"displayName":"F"}' });
    await call("/api/users/fid%20elity", { method: "PUT", headers: json, body: "{}" });
    await call("/api/users/fidelity", { method: "OPTIONS" });
    await call("/api/users", { method: "HEAD" });
    await call("/api/users/fidelity", { method: "DELETE" });
    await call("/api/chat", {
      method: "POST",
      headers: json,
      body: '{"sessionId":"s1","text":"list users"}',
    });
    await call("/api/chat", {
      method: "POST",
      headers: { "content-type": "image/png" },
      body: new Uint8Array([1, 2, 255]),
    });

    expect(events.length).toBeGreaterThanOrEqual(10);
    expect(invalidEvents).toEqual([]);
    const routeKeys = new Set(events.map((event) => event.routeKey));
    expect(routeKeys).toContain("GET /api/users/{username}");
    expect(routeKeys).toContain("ANY /api/users/{username}");
    expect(events.every((event) => !event.requestContext.domainName.includes("127.0.0.1"))).toBe(true);
  });

  it("serves the SPA's config.json for its own issuer, uncached, as the UI stack's deployment writes it", async () => {
    const answer = await fetch(`${sandbox.url}/config.json`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get("cache-control")).toBe("no-cache");
    expect((await answer.json()).authority).toBe(sandbox.issuerUrl);
    expect(answer.headers.get("content-security-policy")).toContain(
      `connect-src 'self' ${sandbox.issuerUrl}`,
    );
  });

  it("refuses methods CloudFront never forwards, on the site and on the APIs", async () => {
    expect((await call("/", { method: "POST" })).status).toBe(403);
    expect((await call("/api/users", { method: "PROPFIND" })).status).toBe(403);
  });
});
