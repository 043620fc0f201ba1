// A response headers policy adds its security and custom headers (replacing the origin's only where it
// overrides), removes the headers it names, and refuses what the sandbox does not imitate.
import { describe, expect, it } from "vitest";
import { responseHeadersPolicy } from "../../../sandbox/cloudfront/response-headers-policy";

describe("a response headers policy", () => {
  it("renders each security header as CloudFront sends it", () => {
    const apply = responseHeadersPolicy({
      SecurityHeadersConfig: {
        ContentSecurityPolicy: { ContentSecurityPolicy: "default-src 'self'", Override: true },
        ContentTypeOptions: { Override: true },
        FrameOptions: { FrameOption: "DENY", Override: true },
        ReferrerPolicy: { ReferrerPolicy: "strict-origin-when-cross-origin", Override: true },
        StrictTransportSecurity: {
          AccessControlMaxAgeSec: 63072000,
          IncludeSubdomains: true,
          Override: true,
        },
        XSSProtection: { Protection: true, ModeBlock: true, Override: true },
      },
    });
    expect(apply({})).toEqual({
      "content-security-policy": "default-src 'self'",
      "x-content-type-options": "nosniff",
      "x-frame-options": "DENY",
      "referrer-policy": "strict-origin-when-cross-origin",
      "strict-transport-security": "max-age=63072000; includeSubDomains",
      "x-xss-protection": "1; mode=block",
    });
  });

  it("replaces the origin's header only where it overrides, and removes what it names", () => {
    const apply = responseHeadersPolicy({
      CustomHeadersConfig: {
        Items: [
          { Header: "Cache-Control", Value: "no-store", Override: false },
          { Header: "X-Team", Value: "users", Override: true },
        ],
      },
      RemoveHeadersConfig: { Items: [{ Header: "X-Powered-By" }] },
    });
    expect(apply({ "cache-control": "max-age=60", "x-team": "origin", "x-powered-by": "node" })).toEqual({
      "cache-control": "max-age=60",
      "x-team": "users",
    });
    expect(apply({})["cache-control"]).toBe("no-store");
  });

  it("refuses CORS, which the sandbox does not imitate, rather than serving without it", () => {
    expect(() => responseHeadersPolicy({ Name: "Cors", CorsConfig: {} })).toThrow(
      /CORS in response headers policy Cors/,
    );
  });
});
