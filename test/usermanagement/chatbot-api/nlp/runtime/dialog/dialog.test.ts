// Multi-turn dialogs through the real handler: the client sends back each answer's session state.
import { describe, expect, it } from "vitest";
import type { ChatResponse } from "../../../../../../usermanagement/chatbot-api/nlp/runtime/chat-contract";
import { chat, conversation, slotValues } from "../../../../../support/chatbot-api-client";

/** Whether the answer lets the client create, change or delete anything, now or after a yes. */
const acts = (answer: ChatResponse) =>
  ["CreateUser", "UpdateUser", "DeleteUser"].includes(answer.sessionState.intent.name) &&
  (answer.sessionState.intent.state === "ReadyForFulfillment" ||
    answer.sessionState.dialogAction.type === "ConfirmIntent");

describe("a missing required slot", () => {
  it("is asked for, and a bare reply fills it, until CreateUser is complete", async () => {
    const [first, second, third] = await conversation("I want to create a user", "bob", "Bob@Example.com");

    expect(first.sessionState.dialogAction).toEqual({ type: "ElicitSlot", slotToElicit: "username" });
    expect(first.sessionState.intent.state).toBe("InProgress");
    expect(first.messages[0].content).toMatch(/username/i);
    expect(second.sessionState.dialogAction).toEqual({ type: "ElicitSlot", slotToElicit: "email" });
    expect(second.messages[0].content).toContain("bob");
    expect(third.sessionState.intent).toMatchObject({ name: "CreateUser", state: "ReadyForFulfillment" });
    expect(slotValues(third)).toEqual({ username: "bob", email: "bob@example.com", displayName: null });
  });

  it("takes a username wrapped in filler words", async () => {
    const [, answer] = await conversation("show me a user", "that would be Heidi.K please");

    expect(answer.sessionState.intent).toMatchObject({ name: "GetUser", state: "ReadyForFulfillment" });
    expect(slotValues(answer)).toEqual({ username: "heidi.k" });
  });

  it("is asked again, with the rule, when the reply is no valid username", async () => {
    const [, answer] = await conversation("delete a user", "x!");

    expect(answer.sessionState.dialogAction).toEqual({ type: "ElicitSlot", slotToElicit: "username" });
    expect(answer.sessionState.intent).toMatchObject({ name: "DeleteUser", state: "InProgress" });
    expect(answer.messages[0].content).toMatch(/3–32 characters/);
  });

  it("is asked again when the reply to an email question holds no address", async () => {
    const [, answer] = await conversation("add user ivan", "ivan at example dot com");

    expect(answer.sessionState.dialogAction).toEqual({ type: "ElicitSlot", slotToElicit: "email" });
    expect(slotValues(answer)).toEqual({ username: "ivan", email: null, displayName: null });
  });

  it("gives way to a different request made instead of an answer", async () => {
    const [, answer] = await conversation("show me a user", "actually, list all users");

    expect(answer.sessionState.intent).toMatchObject({ name: "ListUsers", state: "ReadyForFulfillment" });
  });

  it("is dropped when the user cancels", async () => {
    const [, answer] = await conversation("add user judy", "never mind");

    expect(answer.sessionState.dialogAction).toEqual({ type: "Close" });
    expect(answer.sessionState.intent).toMatchObject({ name: "CreateUser", state: "Failed" });
  });
});

describe("UpdateUser", () => {
  it("needs at least one change: it asks for one and accepts a display name as the answer", async () => {
    const [first, second] = await conversation("update user mallory", "Mallory Knox");

    expect(first.sessionState.dialogAction).toEqual({ type: "ElicitSlot", slotToElicit: "email" });
    expect(first.messages[0].content).toMatch(/email address or the display name/);
    expect(second.sessionState.intent).toMatchObject({ name: "UpdateUser", state: "ReadyForFulfillment" });
    expect(slotValues(second)).toEqual({ username: "mallory", email: null, displayName: "Mallory Knox" });
  });

  it("accepts a new email as the change", async () => {
    const [, answer] = await conversation("I need to edit oscar", "oscar@new.example.com");

    expect(slotValues(answer)).toEqual({
      username: "oscar",
      email: "oscar@new.example.com",
      displayName: null,
    });
    expect(answer.sessionState.intent.state).toBe("ReadyForFulfillment");
  });
});

describe("FindUsers", () => {
  it("asks what to search for when the request names nothing, and takes the reply as typed", async () => {
    const [first, second] = await conversation("I want to search for users", "Zoë");

    expect(first.sessionState.dialogAction).toEqual({ type: "ElicitSlot", slotToElicit: "searchTerm" });
    expect(first.sessionState.intent).toMatchObject({ name: "FindUsers", state: "InProgress" });
    expect(first.messages[0].content).toMatch(/name, the start of a username or an email address/);
    expect(second.sessionState.intent).toMatchObject({ name: "FindUsers", state: "ReadyForFulfillment" });
    expect(slotValues(second)).toEqual({ searchTerm: "Zoë" });
  });

  it("takes an email address as the answer to what to search for", async () => {
    const [, answer] = await conversation("find users", "Grace@Example.com");

    expect(answer.sessionState.intent).toMatchObject({ name: "FindUsers", state: "ReadyForFulfillment" });
    expect(slotValues(answer)).toEqual({ searchTerm: "Grace@Example.com" });
  });

  it.each([
    ["find Zoë", "Zoë"],
    ["who is named Johnson", "Johnson"],
    ["is there anyone called Ann Johnson?", "Ann Johnson"],
    ["search users for 李", "李"],
    ["find people whose email starts with maria.g", "maria.g"],
  ])("searches for what %j names, as typed", async (text, searchTerm) => {
    const answer = await chat(text);

    expect(answer.sessionState.intent).toMatchObject({ name: "FindUsers", state: "ReadyForFulfillment" });
    expect(slotValues(answer)).toEqual({ searchTerm });
  });

  it("does not take the start of a name for a username", async () => {
    const answer = await chat("show me the users beginning with carol");

    expect(answer.sessionState.intent.name).toBe("FindUsers");
    expect(slotValues(answer)).toEqual({ searchTerm: "carol" });
  });
});

describe("DeleteUser confirmation", () => {
  it.each(["yes", "Sure, go ahead", "ok", "yep"])("is confirmed by %j and becomes ready", async (reply) => {
    const [, answer] = await conversation("remove peggy", reply);

    expect(answer.sessionState.intent).toMatchObject({
      name: "DeleteUser",
      state: "ReadyForFulfillment",
      confirmationState: "Confirmed",
    });
    expect(answer.sessionState.dialogAction).toEqual({ type: "Close" });
    expect(slotValues(answer)).toEqual({ username: "peggy" });
  });

  it.each(["no", "cancel", "No, don't!", "nope"])("is denied by %j and the intent closes", async (reply) => {
    const [, answer] = await conversation("remove peggy", reply);

    expect(answer.sessionState.intent).toMatchObject({
      name: "DeleteUser",
      state: "Failed",
      confirmationState: "Denied",
    });
    expect(answer.sessionState.dialogAction).toEqual({ type: "Close" });
  });

  it.each([
    "absolutely not",
    "definitely not",
    "certainly not",
    "of course not",
    "not sure",
    "I'm not sure",
    "not right now",
    "do not do it",
    "not ok",
    "sure, but delete alice instead",
    "ok show me alice first",
  ])("is never confirmed by %j: peggy is not ready to be deleted", async (reply) => {
    const [, answer] = await conversation("remove peggy", reply);

    expect(answer.sessionState.intent.confirmationState).not.toBe("Confirmed");
    expect(
      answer.sessionState.intent.name === "DeleteUser" &&
        answer.sessionState.intent.state === "ReadyForFulfillment",
    ).toBe(false);
  });

  it("is asked again once when the reply is unclear, then fails without deleting", async () => {
    const [, again, last] = await conversation("remove peggy", "hmm, not sure", "maybe?");

    expect(again.sessionState.dialogAction).toEqual({ type: "ConfirmIntent" });
    expect(again.sessionState.intent).toMatchObject({ name: "DeleteUser", confirmationState: "None" });
    expect(again.messages[0].content).toMatch(/yes or no/);
    expect(last.sessionState.dialogAction).toEqual({ type: "Close" });
    expect(last.sessionState.intent).toMatchObject({
      name: "DeleteUser",
      state: "Failed",
      confirmationState: "Denied",
    });
    expect(last.messages[0].content).toMatch(/won't delete peggy/);
  });

  it("still confirms on a clear yes after asking again", async () => {
    const [, again, last] = await conversation("remove peggy", "banana", "yes");

    expect(again.sessionState.dialogAction).toEqual({ type: "ConfirmIntent" });
    expect(last.sessionState.intent).toMatchObject({
      state: "ReadyForFulfillment",
      confirmationState: "Confirmed",
    });
    expect(last.sessionState.sessionAttributes).toEqual({});
  });

  it("takes a new request made instead of an answer as that request, confirming nothing", async () => {
    const [, answer] = await conversation("remove peggy", "sure, but delete alice instead");

    expect(answer.sessionState.dialogAction).toEqual({ type: "ConfirmIntent" });
    expect(answer.sessionState.intent).toMatchObject({ name: "DeleteUser", confirmationState: "None" });
    expect(slotValues(answer)).toEqual({ username: "alice" });
  });

  it("asks for the username first when none was given, then confirms", async () => {
    const [first, second] = await conversation("delete a user", "trent");

    expect(first.sessionState.dialogAction).toEqual({ type: "ElicitSlot", slotToElicit: "username" });
    expect(second.sessionState.dialogAction).toEqual({ type: "ConfirmIntent" });
    expect(slotValues(second)).toEqual({ username: "trent" });
  });
});

describe("a closed dialog", () => {
  it("starts afresh: the next text is a new request", async () => {
    const created = await chat("add user zoe with email zoe@example.com");

    const answer = await chat("delete zoe", created.sessionState);

    expect(answer.sessionState.intent.name).toBe("DeleteUser");
    expect(answer.sessionState.dialogAction).toEqual({ type: "ConfirmIntent" });
  });
});

describe("a request that could mean two things", () => {
  it("is answered with a question naming both readings, in Lex's ElicitIntent shape, and nothing is done", async () => {
    const answer = await chat("bob's email");

    expect(answer.sessionState.dialogAction).toEqual({ type: "ElicitIntent" });
    expect(answer.sessionState.intent.state).toBe("InProgress");
    expect(answer.messages[0].content).toMatch(
      /do you want to (change|see) user bob or (change|see) user bob\?/,
    );
    expect(
      answer.interpretations
        .map(({ intent }) => intent.name)
        .slice(0, 2)
        .sort(),
    ).toEqual(["GetUser", "UpdateUser"]);
    expect(acts(answer)).toBe(false);
  });

  it.each([
    ["see it", "GetUser"],
    ["show me", "GetUser"],
    ["change it", "UpdateUser"],
  ])("goes on with the reading the reply %j chooses", async (reply, intent) => {
    const [, answer] = await conversation("bob's email", reply);

    expect(answer.sessionState.intent.name).toBe(intent);
    expect(slotValues(answer)).toMatchObject({ username: "bob" });
    expect(answer.sessionState.sessionAttributes).toEqual({});
  });

  it("takes a request of its own made instead of an answer as that request", async () => {
    const [, answer] = await conversation("bob's email", "list all users");

    expect(answer.sessionState.intent).toMatchObject({ name: "ListUsers", state: "ReadyForFulfillment" });
  });

  it("falls back without acting when the reply chooses neither", async () => {
    const [, answer] = await conversation("bob's email", "banana");

    expect(answer.sessionState.intent.name).toBe("FallbackIntent");
    expect(answer.sessionState.sessionAttributes).toEqual({});
  });
});

describe("operations the bot doesn't have", () => {
  it.each([
    ["disable the account of xavier", "disable"],
    ["can you make uma an admin?", "admin"],
    ["lock bob's account", "lock"],
    ["change lorenzo's password", "password"],
    ["add rosa to the admins group", "admins group"],
    ["export all users to csv", "export"],
  ])("are named as unsupported in %j, never mapped to the nearest intent", async (text, words) => {
    const answer = await chat(text);

    expect(answer.sessionState.intent.name).toBe("FallbackIntent");
    expect(answer.sessionState.dialogAction).toEqual({ type: "ElicitIntent" });
    expect(answer.messages[0].content).toContain(`“${words}”`);
    expect(answer.messages[0].content).toMatch(/I can't do that/);
  });

  it.each(["delete all test users", "remove every inactive account"])(
    "includes changing several users at once (%j): one user at a time, and nothing is done",
    async (text) => {
      const answer = await chat(text);

      expect(answer.sessionState.intent.name).toBe("FallbackIntent");
      expect(answer.messages[0].content).toMatch(/several users at once.*one user at a time/);
      expect(acts(answer)).toBe(false);
    },
  );
});

describe("a request naming several users", () => {
  it.each([
    ["delete alice and bob", ["alice", "bob"]],
    ["show me carol, dave and erin", ["carol", "dave", "erin"]],
  ])("%j names them all, does one at a time and asks which first", async (text, usernames) => {
    const answer = await chat(text);

    expect(answer.sessionState.dialogAction).toEqual({ type: "ElicitSlot", slotToElicit: "username" });
    for (const username of usernames) expect(answer.messages[0].content).toContain(username);
    expect(acts(answer)).toBe(false);
  });

  it("goes on with the one the reply names", async () => {
    const [, answer] = await conversation("delete alice and bob", "bob");

    expect(answer.sessionState.dialogAction).toEqual({ type: "ConfirmIntent" });
    expect(slotValues(answer)).toEqual({ username: "bob" });
  });
});

describe("a value the bot can't use", () => {
  it("is said back with the rule it breaks, and asked for again", async () => {
    const answer = await chat("add user bob with email bob@example and display name Bob");

    expect(answer.sessionState.dialogAction).toEqual({ type: "ElicitSlot", slotToElicit: "email" });
    expect(answer.messages[0].content).toMatch(/“bob@example” as the email address/);
    expect(slotValues(answer)).toEqual({ username: "bob", email: null, displayName: "Bob" });
  });

  it("is a username the rule refuses, said back rather than taken for something else", async () => {
    const answer = await chat("create user Ünal with email unal@example.com");

    expect(answer.sessionState.dialogAction).toEqual({ type: "ElicitSlot", slotToElicit: "username" });
    expect(answer.messages[0].content).toMatch(/“Ünal” as the username: it must be 3–32 characters/);
  });

  it.each([
    ["add user zed zed@example.com, display name ☃☃", "☃☃"],
    ["add user kim kim@example.com and display name Dr. Kim Lee", "Dr. Kim Lee"],
  ])("is no display name dropped: %j keeps %j", async (text, displayName) => {
    expect(slotValues(await chat(text))).toMatchObject({ displayName });
  });

  it("asks for the display name announced without one", async () => {
    const answer = await chat("add user zed with email zed@example.com and display name");

    expect(answer.sessionState.dialogAction).toEqual({ type: "ElicitSlot", slotToElicit: "displayName" });
  });
});

describe("an explicit username", () => {
  it("wins over a name guessed elsewhere, which becomes the display name", async () => {
    const answer = await chat("new account for Priya Patel, username ppatel, email priya@example.com");

    expect(answer.sessionState.intent).toMatchObject({ name: "CreateUser", state: "ReadyForFulfillment" });
    expect(slotValues(answer)).toEqual({
      username: "ppatel",
      email: "priya@example.com",
      displayName: "Priya Patel",
    });
  });
});

describe("a viewer", () => {
  it.each([
    "delete alice",
    "add user zed with email zed@example.com",
    "change bob's email to bob@example.org",
  ])("is told up front that %j needs an admin, with nothing asked or confirmed", async (text) => {
    const answer = await chat(text, undefined, "viewer");

    expect(answer.sessionState.intent.state).toBe("Failed");
    expect(answer.sessionState.dialogAction).toEqual({ type: "Close" });
    expect(answer.messages[0].content).toMatch(/viewer.*only admins can/);
  });

  it("still reads users", async () => {
    const answer = await chat("what is bob's email address?", undefined, "viewer");

    expect(answer.sessionState.intent).toMatchObject({ name: "GetUser", state: "ReadyForFulfillment" });
  });
});
