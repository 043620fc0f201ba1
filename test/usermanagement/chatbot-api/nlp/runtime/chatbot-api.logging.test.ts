// The handler logs what it understood, with the request id, and never what the user typed.
import { Logger } from "@aws-lambda-powertools/logger";
import { afterEach, describe, expect, it, vi } from "vitest";
import { invokeHttpApi } from "../../../../../sandbox/api-gateway/http-api";
import { createChatbotApiHandler } from "../../../../../usermanagement/chatbot-api/nlp/runtime/chatbot-api";
import { CHATBOT_API_ROUTES } from "../../../../../usermanagement/chatbot-api/nlp/runtime/routes";
import { ADMINS_GROUP } from "../../../../../usermanagement/shared/runtime/access";

afterEach(() => {
  vi.restoreAllMocks();
});

/** Runs one request through a handler whose logger writes to a captured stdout; returns the JSON lines. */
async function logsOf(body: unknown): Promise<Record<string, unknown>[]> {
  const lines: string[] = [];
  vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
    lines.push(String(chunk));
    return true;
  });
  const handler = createChatbotApiHandler({
    logger: new Logger({ serviceName: "chatbot-api", logLevel: "INFO" }),
  });
  await invokeHttpApi(
    { routes: CHATBOT_API_ROUTES, functionName: "chatbot-api", handler },
    {
      method: "POST",
      url: "/api/chat",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    },
    // An admin, as API Gateway's JWT authorizer passes one on: the turn goes as far as a change.
    { authorizer: { jwt: { claims: { "cognito:groups": `[${ADMINS_GROUP}]` }, scopes: null } } },
  );
  vi.restoreAllMocks();
  return lines.flatMap((line) => line.split("\n").filter(Boolean)).map((line) => JSON.parse(line));
}

describe("logging", () => {
  it("records the intent, its confidence and the request id as JSON", async () => {
    const logs = await logsOf({ sessionId: "s-1", text: "add user alice with email alice@example.com" });

    const turn = logs.find((entry) => entry.message === "chat turn");
    expect(turn).toMatchObject({
      level: "INFO",
      service: "chatbot-api",
      intent: "CreateUser",
      intentState: "ReadyForFulfillment",
      function_request_id: expect.any(String),
      interpretations: expect.arrayContaining([{ intent: "CreateUser", score: expect.any(Number) }]),
    });
  });

  it.each([
    ["a creation", "add user zelda with email zelda@hyrule.example"],
    ["an email lookup", "who has the email zelda@hyrule.example?"],
    ["a search by name", "find Zelda Hyrule"],
  ])("never writes the user's text, names or email addresses of %s", async (_case, text) => {
    const logs = await logsOf({ sessionId: "s-1", text, requestAttributes: { note: "zelda hyrule" } });

    const written = JSON.stringify(logs);
    expect(logs.some((entry) => entry.message === "chat turn")).toBe(true);
    expect(written).not.toContain("zel");
    expect(written).not.toContain("hyrule");
  });
});
