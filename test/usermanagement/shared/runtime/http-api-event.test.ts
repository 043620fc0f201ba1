// What the router is handed: one canonical path whatever the encoding, a URL authority it can trust, no body on
// GET or HEAD, and only headers a Web `Request` accepts.
import { describe, expect, it } from "vitest";
import { canonicalPath, routableEvent } from "../../../../usermanagement/shared/runtime/http-api-event";
import { httpApiEvent } from "../../../support/http-api-events";

describe("canonicalPath", () => {
  it.each([
    ["an encoded path", "/api/users/a%20b", "/api/users/a%20b"],
    ["the same path decoded", "/api/users/a b", "/api/users/a%20b"],
    ["a decoded tab", "/api/users/\t", "/api/users/%09"],
    ["a decoded question mark, which would start a query", "/api/users/a?b", "/api/users/a%3Fb"],
    ["a decoded hash, which would start a fragment", "/api/users/a#b", "/api/users/a%23b"],
    ["a malformed escape, kept as text", "/api/users/%E0%A4%A", "/api/users/%25E0%25A4%25A"],
    ["a lone surrogate", "/api/users/\uD800", "/api/users/%EF%BF%BD"],
    ["no leading slash", "api/users", "/api/users"],
    ["an empty path", "", "/"],
    ["a path that is not a string", 42, "/"],
  ])("gives %s one encoding", (_case, rawPath, expected) => {
    expect(canonicalPath(rawPath)).toBe(expected);
  });
});

describe("routableEvent", () => {
  it("builds the URL's authority from a valid domain name, never from Host or X-Forwarded-Proto", () => {
    const event = routableEvent(
      httpApiEvent({
        headers: { Host: "a b/c", "x-forwarded-proto": "javascript" },
        domainName: "api.example.com",
      }),
    );

    expect(event.headers).toEqual({});
    expect(event.requestContext.domainName).toBe("api.example.com");
  });

  it.each([
    "abcdefghij.execute-api.eu-west-1.amazonaws.com",
    "users.example.com",
    "a.b.c",
    "x1-y2.example",
    "localhost",
    "localhost:3000",
    "127.0.0.1:65535",
  ])("keeps the domain name %s, which makes a URL", (domainName) => {
    expect(routableEvent(httpApiEvent({ domainName })).requestContext.domainName).toBe(domainName);
  });

  it.each([
    "x/y?z",
    "a b",
    "-a.example.com",
    "a-.example.com",
    "a..example.com",
    ".example.com",
    "example.com.",
    "localhost:",
    "localhost:123456",
    "localhost:http",
    "user@example.com",
    "",
  ])("replaces the domain name %j, which makes no URL", (domainName) => {
    expect(routableEvent(httpApiEvent({ domainName })).requestContext.domainName).toBe("localhost");
  });

  it.each(["GET", "HEAD", "get"])("drops the body of a %s", (method) => {
    const event = routableEvent(httpApiEvent({ method, body: "e30=", isBase64Encoded: true }));

    expect(event.body).toBeUndefined();
    expect(event.isBase64Encoded).toBe(false);
    expect(event.requestContext.http.method).toBe(method.toUpperCase());
  });

  it("drops a body that is not a string, and with it the base64 flag", () => {
    const forged = { ...httpApiEvent({ method: "POST", isBase64Encoded: true }), body: 42 } as never;

    const event = routableEvent(forged);

    expect(event.body).toBeUndefined();
    expect(event.isBase64Encoded).toBe(false);
  });

  it("keeps the body of a POST as it came", () => {
    const event = routableEvent(httpApiEvent({ method: "POST", body: "e30=", isBase64Encoded: true }));

    expect(event).toMatchObject({ body: "e30=", isBase64Encoded: true });
  });

  it("leaves out headers and cookies a Web Request refuses", () => {
    const event = routableEvent(
      httpApiEvent({
        headers: { "x-ok": "1", "x-bad": "a\nb", "bad name": "1" },
        cookies: ["a=1", "b=\u0000"],
      }),
    );

    expect(event.headers).toEqual({ "x-ok": "1" });
    expect(event.cookies).toEqual(["a=1"]);
  });

  it("leaves out headers and cookies that are not strings, which a direct invocation can send", () => {
    const event = routableEvent({
      ...httpApiEvent(),
      headers: { "x-ok": "1", "x-none": undefined, "x-number": 7 },
      cookies: ["a=1", 7, null],
    } as never);

    expect(event.headers).toEqual({ "x-ok": "1" });
    expect(event.cookies).toEqual(["a=1"]);
  });

  it("lower-cases header names, which Powertools looks up in lower case", () => {
    expect(routableEvent(httpApiEvent({ headers: { "If-Match": '"1"' } })).headers).toEqual({
      "if-match": '"1"',
    });
  });

  it("keeps the route key it was given", () => {
    const event = routableEvent({ ...httpApiEvent(), routeKey: "GET /api/users" });

    expect(event.routeKey).toBe("GET /api/users");
  });

  it("makes a routable event of an invocation that carries none of an HTTP API's fields", () => {
    const event = routableEvent({} as never);

    expect(event).toMatchObject({
      version: "2.0",
      routeKey: "$default",
      rawPath: "/",
      rawQueryString: "",
      headers: {},
      cookies: undefined,
      body: undefined,
      isBase64Encoded: false,
      requestContext: { domainName: "localhost", http: { method: "", path: "/" } },
    });
  });

  it("reads a request context without its http part as a request without a method", () => {
    const { http: _, ...requestContext } = httpApiEvent().requestContext;

    const event = routableEvent({ ...httpApiEvent(), requestContext } as never);

    expect(event.requestContext.http).toEqual({ method: "", path: "/" });
  });

  it("keeps a # in the query string from ending the URL", () => {
    expect(routableEvent(httpApiEvent({ rawQueryString: "prefix=a#b#c" })).rawQueryString).toBe(
      "prefix=a%23b%23c",
    );
  });

  it("reads a query string that is not a string as none", () => {
    expect(routableEvent({ ...httpApiEvent(), rawQueryString: ["a=1"] } as never).rawQueryString).toBe("");
  });
});
