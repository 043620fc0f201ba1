// Bad input gets a precise 4xx with RFC 9457 problem details, never a 5xx and never a chat answer.
import { describe, expect, it } from "vitest";
import { postChat, send } from "../../../../support/chatbot-api-client";

const valid = { sessionId: "s-1", text: "list users" };
const elicitUsername = (intent: Record<string, unknown>) => ({
  ...valid,
  sessionState: { dialogAction: { type: "ElicitSlot", slotToElicit: "username" }, intent },
});

function expectProblem(
  response: { status: number; headers: Record<string, string>; json: unknown },
  status: number,
) {
  expect(response.status).toBe(status);
  expect(response.headers["content-type"]).toBe("application/problem+json");
  expect(response.json).toMatchObject({
    type: expect.any(String),
    title: expect.any(String),
    status,
    detail: expect.any(String),
  });
}

describe("the body as a whole", () => {
  it.each([
    ["malformed JSON", '{"sessionId": "s-1", "text": ', { "content-type": "application/json" }, 400],
    ["an empty body", "", { "content-type": "application/json" }, 400],
    ["a JSON array", "[]", { "content-type": "application/json" }, 400],
    ["JSON null", "null", { "content-type": "application/json" }, 400],
    ["a non-JSON content type", "text=hello", { "content-type": "application/x-www-form-urlencoded" }, 415],
    ["no content type", JSON.stringify(valid), {}, 415],
    [
      "a body over 16 KiB",
      JSON.stringify({ ...valid, sessionState: { sessionAttributes: { pad: "x".repeat(17_000) } } }),
      { "content-type": "application/json" },
      413,
    ],
  ])("rejects %s", async (_case, rawBody, headers, status) => {
    const response = await postChat(rawBody, headers);

    expectProblem(response, status);
  });
});

describe("fields", () => {
  it.each([
    ["a missing text", { sessionId: "s-1" }, "text"],
    ["an empty text", { ...valid, text: "" }, "text"],
    ["a blank text", { ...valid, text: " \n\t " }, "text"],
    ["a text over 1024 characters", { ...valid, text: "a".repeat(1025) }, "text"],
    ["a text that is a number", { ...valid, text: 42 }, "text"],
    ["a missing session id", { text: "hello" }, "sessionId"],
    ["a session id over 100 characters", { ...valid, sessionId: "s".repeat(101) }, "sessionId"],
    ["a one-character session id", { ...valid, sessionId: "x" }, "sessionId"],
    ["a session id with a space or a slash", { ...valid, sessionId: "a b/c" }, "sessionId"],
    ["a session id with a non-ASCII letter", { ...valid, sessionId: "sessión" }, "sessionId"],
    ["request attributes that are a list", { ...valid, requestAttributes: ["web"] }, "requestAttributes"],
    [
      "a request attribute that is not a string",
      { ...valid, requestAttributes: { retries: 2 } },
      "requestAttributes.retries",
    ],
    ["a session id that is an object", { ...valid, sessionId: { id: 1 } }, "sessionId"],
    ["an unknown field", { ...valid, txt: "hello" }, "txt"],
    ["a session state that is a string", { ...valid, sessionState: "ElicitSlot" }, "sessionState"],
    ["an unknown intent", elicitUsername({ name: "DropTables" }), "sessionState.intent.name"],
    [
      "an unknown dialog action",
      { ...valid, sessionState: { dialogAction: { type: "Jump" } } },
      "sessionState.dialogAction.type",
    ],
    [
      "a slot the intent does not take",
      elicitUsername({ name: "GetUser", slots: { email: null } }),
      "sessionState.intent.slots.email",
    ],
    [
      "an invalid username in a slot",
      elicitUsername({
        name: "GetUser",
        slots: { username: { value: { originalValue: "Bob Smith", interpretedValue: "bob smith" } } },
      }),
      "sessionState.intent.slots.username.value.interpretedValue",
    ],
    [
      "a slot that is a string",
      elicitUsername({ name: "GetUser", slots: { username: "bob" } }),
      "sessionState.intent.slots.username",
    ],
    [
      "a slot to elicit that the intent lacks",
      {
        ...valid,
        sessionState: {
          dialogAction: { type: "ElicitSlot", slotToElicit: "email" },
          intent: { name: "GetUser" },
        },
      },
      "sessionState.dialogAction.slotToElicit",
    ],
    [
      "eliciting a slot without naming it",
      { ...valid, sessionState: { dialogAction: { type: "ElicitSlot" }, intent: { name: "GetUser" } } },
      "sessionState.dialogAction.slotToElicit",
    ],
    [
      "confirming an intent that is never confirmed",
      { ...valid, sessionState: { dialogAction: { type: "ConfirmIntent" }, intent: { name: "CreateUser" } } },
      "sessionState.dialogAction.type",
    ],
    [
      "confirming a deletion without a username",
      {
        ...valid,
        sessionState: {
          dialogAction: { type: "ConfirmIntent" },
          intent: { name: "DeleteUser", slots: { username: null } },
        },
      },
      "sessionState.intent.slots.username",
    ],
    [
      "a session attribute that is not a string",
      { ...valid, sessionState: { sessionAttributes: { count: 3 } } },
      "sessionState.sessionAttributes.count",
    ],
  ])("rejects %s, naming the field", async (_case, body, field) => {
    const response = await postChat(JSON.stringify(body));

    expectProblem(response, 400);
    expect(response.json).toMatchObject({
      errors: expect.arrayContaining([expect.objectContaining({ field })]),
    });
  });

  it("names every offending field at once", async () => {
    const response = await postChat(JSON.stringify({ sessionId: "", text: 7 }));

    expectProblem(response, 400);
    const fields = (response.json as { errors: { field: string }[] }).errors.map(({ field }) => field);
    expect(fields).toEqual(["sessionId", "text"]);
  });
});

describe("methods", () => {
  it.each(["GET", "PUT", "DELETE"])("refuses %s on /api/chat with 405 and Allow: POST", async (method) => {
    const response = await send({ method, url: "/api/chat" });

    expectProblem(response, 405);
    expect(response.headers.allow).toBe("POST");
  });
});
