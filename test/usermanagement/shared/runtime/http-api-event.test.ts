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

  it("replaces a domain name that makes no URL", () => {
    expect(routableEvent(httpApiEvent({ domainName: "x/y?z" })).requestContext.domainName).toBe("localhost");
  });

  it.each(["GET", "HEAD", "get"])("drops the body of a %s", (method) => {
    const event = routableEvent(httpApiEvent({ method, body: "e30=", isBase64Encoded: true }));

    expect(event.body).toBeUndefined();
    expect(event.isBase64Encoded).toBe(false);
    expect(event.requestContext.http.method).toBe(method.toUpperCase());
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

  it("keeps a # in the query string from ending the URL", () => {
    expect(routableEvent(httpApiEvent({ rawQueryString: "prefix=a#b" })).rawQueryString).toBe("prefix=a%23b");
  });
});
