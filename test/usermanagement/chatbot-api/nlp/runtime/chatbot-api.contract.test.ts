// POST /api/chat through the real handler: every intent, answered in Amazon Lex V2 RecognizeText's shape.
import { describe, expect, it } from "vitest";
import { chat, postChat, send, slotValues } from "../../../../support/chatbot-api-client";

describe("each intent", () => {
  it("reads a complete CreateUser request and closes it ready for fulfilment", async () => {
    const answer = await chat(
      'Add a user called Alice with email Alice@Example.com, display name "Alice Liddell"',
    );

    expect(answer.sessionState.intent).toMatchObject({
      name: "CreateUser",
      state: "ReadyForFulfillment",
      confirmationState: "None",
    });
    expect(answer.sessionState.dialogAction).toEqual({ type: "Close" });
    expect(slotValues(answer)).toEqual({
      username: "alice",
      email: "alice@example.com",
      displayName: "Alice Liddell",
    });
  });

  it("reads GetUser from a possessive question", async () => {
    const answer = await chat("what's bob's email?");

    expect(answer.sessionState.intent).toMatchObject({ name: "GetUser", state: "ReadyForFulfillment" });
    expect(slotValues(answer)).toEqual({ username: "bob" });
  });

  it("reads UpdateUser with a new display name and no email", async () => {
    const answer = await chat("rename carol to Carol Jones");

    expect(answer.sessionState.intent).toMatchObject({ name: "UpdateUser", state: "ReadyForFulfillment" });
    expect(slotValues(answer)).toEqual({ username: "carol", email: null, displayName: "Carol Jones" });
  });

  it("asks to confirm a DeleteUser before anything is ready", async () => {
    const answer = await chat("delete user dave_99");

    expect(answer.sessionState.dialogAction).toEqual({ type: "ConfirmIntent" });
    expect(answer.sessionState.intent).toMatchObject({
      name: "DeleteUser",
      state: "InProgress",
      confirmationState: "None",
    });
    expect(slotValues(answer)).toEqual({ username: "dave_99" });
    expect(answer.messages[0].content).toContain("dave_99");
  });

  it.each([
    ["find users starting with al", { searchTerm: "al" }],
    ["which users begin with Mar?", { searchTerm: "Mar" }],
    ["find Zoë", { searchTerm: "Zoë" }],
    ["who has the email X@Y.com?", { searchTerm: "X@Y.com" }],
    ["is anyone using bob@example.com?", { searchTerm: "bob@example.com" }],
  ])("reads FindUsers from %j, the term as typed, ready for the UI to search", async (text, slots) => {
    const answer = await chat(text);

    expect(answer.sessionState.intent).toMatchObject({ name: "FindUsers", state: "ReadyForFulfillment" });
    expect(answer.sessionState.dialogAction).toEqual({ type: "Close" });
    expect(slotValues(answer)).toEqual(slots);
  });

  it.each([
    ["ListUsers", "show me all users"],
    ["Help", "what can I ask you?"],
    ["Greeting", "good afternoon!"],
  ])("closes %s, which takes no slots, ready for fulfilment", async (intent, text) => {
    const answer = await chat(text);

    expect(answer.sessionState.intent).toEqual({
      name: intent,
      slots: {},
      state: "ReadyForFulfillment",
      confirmationState: "None",
    });
    expect(answer.sessionState.dialogAction).toEqual({ type: "Close" });
  });

  it.each(["what's the weather like in Berlin", "xkcd qwop zzyzx", "order two large pizzas"])(
    "answers off-topic text %j with FallbackIntent and asks what the user wants",
    async (text) => {
      const answer = await chat(text);

      expect(answer.sessionState.intent).toMatchObject({ name: "FallbackIntent", state: "Failed" });
      expect(answer.sessionState.dialogAction).toEqual({ type: "ElicitIntent" });
      expect(answer.messages[0].content).toMatch(/help/i);
    },
  );
});

describe("the Lex V2 shape", () => {
  it("echoes the session id and the session attributes", async () => {
    const response = await send({
      method: "POST",
      url: "/api/chat",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        sessionId: "s-42",
        text: "list users",
        sessionState: { sessionAttributes: { tab: "2" } },
      }),
    });

    expect(response.status).toBe(200);
    expect(response.headers["content-type"]).toMatch(/^application\/json/);
    expect(response.json).toMatchObject({
      sessionId: "s-42",
      sessionState: { sessionAttributes: { tab: "2" } },
    });
  });

  it("lists at most three interpretations, the chosen intent first, best first, scores in [0, 1]", async () => {
    const answer = await chat("change the email of erin to erin@example.org");

    const scores = answer.interpretations.map(({ nluConfidence }) => nluConfidence?.score ?? Number.NaN);
    expect(answer.interpretations.length).toBeGreaterThan(1);
    expect(answer.interpretations.length).toBeLessThanOrEqual(3);
    expect(answer.interpretations[0].intent).toEqual(answer.sessionState.intent);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    for (const score of scores) expect(score).toBeGreaterThanOrEqual(0);
    for (const score of scores) expect(score).toBeLessThanOrEqual(1);
  });

  it.each(["create a birthday party invitation card", "bob@example.com", "tell me a joke"])(
    "puts FallbackIntent first, without a confidence as Lex does, when it does not understand %j",
    async (text) => {
      const answer = await chat(text);

      const [fallback, ...others] = answer.interpretations;
      expect(fallback).toEqual({ intent: answer.sessionState.intent });
      expect(fallback.intent.name).toBe("FallbackIntent");
      const scores = others.map(({ nluConfidence }) => nluConfidence?.score ?? Number.NaN);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
    },
  );

  it("echoes the request attributes, as Lex does, and leaves them out when none were sent", async () => {
    const withAttributes = await postChat(
      JSON.stringify({ sessionId: "s-43", text: "list users", requestAttributes: { channel: "web" } }),
    );
    const without = await chat("list users");

    expect(withAttributes.status).toBe(200);
    expect(withAttributes.json).toMatchObject({ requestAttributes: { channel: "web" } });
    expect(without).not.toHaveProperty("requestAttributes");
  });

  it.each(["ab", "user:42.tab_1-a", "x".repeat(100)])("accepts the Lex session id %j", async (sessionId) => {
    const response = await postChat(JSON.stringify({ sessionId, text: "hello" }));

    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({ sessionId });
  });

  it("fills slots Lex-style, with the typed, interpreted and resolved values, and null for empty ones", async () => {
    const answer = await chat("create user Frank.Castle");

    expect(answer.sessionState.intent.slots).toEqual({
      username: {
        value: {
          originalValue: "Frank.Castle",
          interpretedValue: "frank.castle",
          resolvedValues: ["frank.castle"],
        },
      },
      email: null,
      displayName: null,
    });
  });

  it("answers with one plain-text message", async () => {
    const answer = await chat("hello");

    expect(answer.messages).toEqual([{ contentType: "PlainText", content: expect.stringMatching(/\w/) }]);
  });
});

describe("the help message", () => {
  it("only gives examples the bot understands completely", async () => {
    const help = await chat("help");
    const examples = [...help.messages[0].content.matchAll(/"([^"]+)"/g)].map(([, example]) => example);

    const answers = await Promise.all(examples.map((example) => chat(example)));

    expect(examples.length).toBeGreaterThanOrEqual(5);
    expect(answers.map((answer) => answer.sessionState.intent.name)).toEqual([
      "CreateUser",
      "GetUser",
      "UpdateUser",
      "UpdateUser",
      "DeleteUser",
      "ListUsers",
      "FindUsers",
      "FindUsers",
    ]);
    for (const answer of answers) expect(answer.sessionState.dialogAction.type).not.toBe("ElicitSlot");
  });
});
