// The default behaviour's viewer-request function, path by path: what is left for the API prefix gets the APIs'
// own 404 problem, a route of the single-page app gets /index.html, a file goes to the bucket as asked.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ProblemError } from "../../../../../usermanagement/shared/runtime/problem-details";
import { VIEWER_REQUEST_FUNCTION_FILE } from "../../../../../usermanagement/users-ui/cdn/viewer-request";

interface ViewerRequest {
  method: string;
  uri: string;
  querystring: Record<string, { value: string }>;
  headers: Record<string, { value: string }>;
  cookies: Record<string, { value: string }>;
}

/**
 * The deployed file evaluated as a script whose `handler` is called, as CloudFront Functions does. The sandbox's
 * loader also gives it a realm of its own (tested in test/sandbox/cloudfront); this one runs in the test's realm,
 * where a mutation-testing run can see which of the function's code a test reaches.
 */
const handler = new Function(`${readFileSync(VIEWER_REQUEST_FUNCTION_FILE, "utf8")}\nreturn handler;`)() as (
  event: unknown,
) => unknown;

const viewerRequest = (uri: string): ViewerRequest => ({
  method: "GET",
  uri,
  querystring: { q: { value: "al" } },
  headers: { accept: { value: "text/html" } },
  cookies: { session: { value: "s1" } },
});

const run = (request: ViewerRequest) =>
  handler({ version: "1.0", context: { eventType: "viewer-request" }, viewer: { ip: "192.0.2.1" }, request });

describe("the viewer-request function", () => {
  it.each(["/api", "/api/", "/api/unrouted", "/api/users", "/api/users/alice", "/api/v2/openapi.json"])(
    "answers %s, which no API behaviour took, with a 404 problem like the APIs'",
    (uri) => {
      const response = run(viewerRequest(uri)) as {
        statusCode: number;
        statusDescription: string;
        headers: Record<string, { value: string }>;
        body: { encoding: string; data: string };
      };

      expect(response).toEqual({
        statusCode: 404,
        statusDescription: "Not Found",
        headers: { "content-type": { value: "application/problem+json" } },
        body: { encoding: "text", data: expect.any(String) },
      });
      // The same problem type the APIs answer with, from the one place that names problem types.
      const notFound = new ProblemError(404, "not-found", "Not found", `Nothing is served at ${uri}.`);
      expect(JSON.parse(response.body.data)).toEqual(notFound.problem);
    },
  );

  it.each([
    ["/", "/index.html"],
    ["/users", "/index.html"],
    ["/users/alice", "/index.html"],
    ["/users/alice.smith/", "/index.html"],
    ["/v1.2/users", "/index.html"],
    ["/apiary", "/index.html"],
    ["/API/users", "/index.html"],
    ["/site/api/users", "/index.html"],
    ["/index.html", "/index.html"],
    ["/config.json", "/config.json"],
    ["/favicon.ico", "/favicon.ico"],
    ["/assets/index-4f2a9c.js", "/assets/index-4f2a9c.js"],
    ["/assets/fonts/inter.v4.woff2", "/assets/fonts/inter.v4.woff2"],
    ["/.well-known/security.txt", "/.well-known/security.txt"],
    ["/api.json", "/api.json"],
  ])("sends %s to the bucket as %s, the rest of the request unchanged", (uri, origin) => {
    const request = viewerRequest(uri);

    const forwarded = run(request);

    expect(forwarded).toBe(request);
    expect(forwarded).toEqual({ ...viewerRequest(uri), uri: origin });
  });
});
