// Multi-turn dialogs through the real handler: the client sends back each answer's session state.
import { describe, expect, it } from "vitest";
import { chat, conversation, slotValues } from "../../../../../support/chatbot-api-client";

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
  it("asks what to search for when the request names nothing, and takes a bare prefix", async () => {
    const [first, second] = await conversation("I want to search for users", "Jo");

    expect(first.sessionState.dialogAction).toEqual({ type: "ElicitSlot", slotToElicit: "prefix" });
    expect(first.sessionState.intent).toMatchObject({ name: "FindUsers", state: "InProgress" });
    expect(first.messages[0].content).toMatch(/start of a username, or an email address/);
    expect(second.sessionState.intent).toMatchObject({ name: "FindUsers", state: "ReadyForFulfillment" });
    expect(slotValues(second)).toEqual({ prefix: "jo", email: null });
  });

  it("takes an email address as the answer to what to search for", async () => {
    const [, answer] = await conversation("find users", "Grace@Example.com");

    expect(answer.sessionState.intent).toMatchObject({ name: "FindUsers", state: "ReadyForFulfillment" });
    expect(slotValues(answer)).toEqual({ prefix: null, email: "grace@example.com" });
  });

  it("asks again, with the rule, when the answer is no possible start of a username", async () => {
    const [, answer] = await conversation("find users", "zz top");

    expect(answer.sessionState.dialogAction).toEqual({ type: "ElicitSlot", slotToElicit: "prefix" });
    expect(answer.messages[0].content).toMatch(/1–32 characters/);
  });

  it("says why when the request's prefix breaks the rule, and asks for another", async () => {
    const answer = await chat("find users starting with Ünal");

    expect(answer.sessionState.dialogAction).toEqual({ type: "ElicitSlot", slotToElicit: "prefix" });
    expect(answer.messages[0].content).toMatch(/1–32 characters of a-z/);
  });

  it("looks up the email alone when a request gives both, as the Users API takes one or the other", async () => {
    const answer = await chat("find users starting with al who have the email al@example.com");

    expect(slotValues(answer)).toEqual({ prefix: null, email: "al@example.com" });
  });

  it("does not take the prefix for a username", async () => {
    const answer = await chat("show me the users beginning with carol");

    expect(answer.sessionState.intent.name).toBe("FindUsers");
    expect(slotValues(answer)).toEqual({ prefix: "carol", email: null });
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
