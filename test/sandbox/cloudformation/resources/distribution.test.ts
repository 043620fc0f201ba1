// The sandbox app's distribution, from its template: the API behaviours go to the HTTP APIs' hosts, the default
// behaviour runs the template's viewer-request function before the site bucket, and every answer carries the
// template's response headers policy.
import { describe, expect, it } from "vitest";
import type { PlainRequest, PlainResponse } from "../../../../sandbox/api-gateway/payload-v2";
import { resolved } from "../../../../sandbox/cloudformation/deployment";
import { distributionFrom } from "../../../../sandbox/cloudformation/resources/distribution";
import { sandboxDeployment } from "../../../support/sandbox-assembly";

const reached: { origin: string; request: PlainRequest }[] = [];
const distribution = () =>
  distributionFrom(sandboxDeployment(), (origin) => async (request): Promise<PlainResponse> => {
    reached.push({ origin, request });
    return { status: 200, headers: { "content-type": "text/plain" }, cookies: [], body: Buffer.from(origin) };
  });
const apiHost = (pathPart: string) => {
  const [api] = sandboxDeployment()
    .resourcesOfType("AWS::ApiGatewayV2::Api")
    .filter((resource) => resource.constructPath?.includes(pathPart));
  return new URL(api.attribute("ApiEndpoint") as string).host;
};

describe("the sandbox app's distribution", () => {
  it("sends each API's paths to that API's host, with every header but Host", async () => {
    const serve = distribution();
    await serve({
      method: "DELETE",
      url: "/api/users/alice",
      headers: { host: "ui", authorization: "Bearer t" },
    });
    await serve({ method: "POST", url: "/api/chat" });
    expect(reached.at(-2)?.origin).toBe(apiHost("/API/UsersHttpApi/"));
    expect(reached.at(-2)?.request.headers).toMatchObject({ authorization: "Bearer t" });
    expect(reached.at(-2)?.request.headers?.host).toBeUndefined();
    expect(reached.at(-1)?.origin).toBe(apiHost("/NLP/"));
  });

  it("runs the template's viewer-request function: an app route becomes /index.html from the site bucket, an unrouted /api/ path its 404 problem", async () => {
    const serve = distribution();
    await serve({ method: "GET", url: "/users/alice" });
    expect(reached.at(-1)?.origin).toMatch(/\.s3\.us-east-1\.amazonaws\.com$/);
    expect(reached.at(-1)?.request.url).toBe("/index.html");
    const unrouted = await serve({ method: "GET", url: "/api/nope" });
    expect(unrouted.status).toBe(404);
    expect(unrouted.headers["content-type"]).toBe("application/problem+json");
  });

  it("puts the policy's headers on every answer, as its template declares them", async () => {
    const [policy] = sandboxDeployment().resourcesOfType("AWS::CloudFront::ResponseHeadersPolicy");
    const config = resolved(policy).ResponseHeadersPolicyConfig as {
      SecurityHeadersConfig: {
        ContentSecurityPolicy: { ContentSecurityPolicy: string };
        FrameOptions: { FrameOption: string };
      };
    };
    const serve = distribution();
    for (const answer of [
      await serve({ method: "GET", url: "/" }),
      await serve({ method: "GET", url: "/api/nope" }),
      await serve({ method: "POST", url: "/" }),
    ]) {
      expect(answer.headers["content-security-policy"]).toBe(
        config.SecurityHeadersConfig.ContentSecurityPolicy.ContentSecurityPolicy,
      );
      expect(answer.headers["x-frame-options"]).toBe(config.SecurityHeadersConfig.FrameOptions.FrameOption);
      expect(answer.headers["x-content-type-options"]).toBe("nosniff");
    }
  });
});
