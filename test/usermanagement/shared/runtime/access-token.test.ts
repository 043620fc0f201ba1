// Both APIs act on access tokens only: an ID token, or no token at all, is a 401 with RFC 6750's invalid_token,
// whichever handler it reaches (the Users API's own cases are in its authorization tests).
import { Logger } from "@aws-lambda-powertools/logger";
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { describe, expect, it, vi } from "vitest";
import { invokeHttpApi } from "../../../../sandbox/api-gateway/http-api";
import { createChatbotApiHandler } from "../../../../usermanagement/chatbot-api/nlp/runtime/chatbot-api";
import { CHATBOT_API_ROUTES } from "../../../../usermanagement/chatbot-api/nlp/runtime/routes";
import { accessTokenMiddleware } from "../../../../usermanagement/shared/runtime/access-token";
import { ADMIN_ID_TOKEN, VIEWER } from "../../../support/identities";

const chatbot = {
  routes: CHATBOT_API_ROUTES,
  functionName: "ChatbotApi",
  handler: createChatbotApiHandler({
    logger: new Logger({ serviceName: "chatbot-api", logLevel: "SILENT" }),
  }),
};
const chat = (authorizer?: typeof VIEWER) =>
  invokeHttpApi(
    chatbot,
    {
      method: "POST",
      url: "/api/chat",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ sessionId: "access-token", text: "find users starting with al" }),
    },
    { authorizer },
  );

describe("the Chatbot API", () => {
  it.each([
    ["an ID token", ADMIN_ID_TOKEN, "an ID token"],
    ["no token at all", undefined, "no access token"],
  ])("answers a chat with %s 401 invalid_token, saying what it got", async (_what, authorizer, carried) => {
    const response = await chat(authorizer);

    expect(response.status).toBe(401);
    expect(response.headers["content-type"]).toBe("application/problem+json");
    expect(response.headers["www-authenticate"]).toBe(
      'Bearer error="invalid_token", error_description="an access token is required"',
    );
    expect(JSON.parse(response.body.toString()).detail).toContain(`The request carries ${carried};`);
  });

  it("answers an access token's chat", async () => {
    expect((await chat(VIEWER)).status).toBe(200);
  });
});

describe("the access-token middleware", () => {
  const run = async (route: object | null) => {
    const next = vi.fn(async () => undefined);
    const middleware = accessTokenMiddleware as unknown as (options: object) => Promise<void>;
    const event = { requestContext: {} } as APIGatewayProxyEventV2;
    await middleware({ reqCtx: { route, req: { method: "POST" }, event }, next });
    return next.mock.calls.length;
  };

  it("refuses a matched route's request without an access token before the handler", async () => {
    await expect(run({ path: "/api/chat" })).rejects.toThrow("The request carries no access token;");
  });

  it("lets a request no route serves through, to its 404 or 405", async () => {
    expect(await run(null)).toBe(1);
  });
});
