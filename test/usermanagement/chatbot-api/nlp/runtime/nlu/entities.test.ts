// Entity extraction: which words of an utterance are the username, the email and the display name.
import { describe, expect, it } from "vitest";
import { understand } from "../../../../../../usermanagement/chatbot-api/nlp/runtime/nlu/understand";

const entitiesOf = (text: string) => {
  const { username, email, displayName } = understand(text).entities;
  return {
    username: username?.interpretedValue,
    email: email?.interpretedValue,
    displayName: displayName?.interpretedValue,
  };
};

describe("usernames", () => {
  it.each([
    ["after a cue word", "delete user Bob", "bob"],
    ["after a cue and a link word", "the username should be dan.k", "dan.k"],
    ["before a possessive", "what is mallory's email", "mallory"],
    ["with digits, dots or underscores", "info on trent.w", "trent.w"],
    ["as a plain word where usernames stand", "please remove carol from the system", "carol"],
    ["quoted after a cue", "get user 'rupert'", "rupert"],
    ["after 'called' when nothing else names the user", "add a user called alice", "alice"],
  ])("are found %s", (_case, text, username) => {
    expect(entitiesOf(text).username).toBe(username);
  });

  it.each([
    ["a noun after a determiner", "tell me a joke"],
    ["a noun after a question word", "what time is it"],
    ["a word in an off-topic context", "what is the capital of France"],
    ["a misspelt keyword", "delte a user"],
  ])("are not taken from %s", (_case, text) => {
    expect(entitiesOf(text).username).toBeUndefined();
  });

  it("are found after a cue even when the rule refuses them, so that the bot can say why", () => {
    expect(entitiesOf("delete user ab").username).toBe("ab");
  });

  it("named explicitly win over a person named elsewhere, who becomes the display name", () => {
    expect(entitiesOf("new account for Priya Patel, username ppatel")).toMatchObject({
      username: "ppatel",
      displayName: "Priya Patel",
    });
  });

  it("joined to the one found are kept as the others the request names, before it and after it", () => {
    const { username, otherUsernames } = understand("delete alice, bob and carol.jones").entities;

    expect([username?.interpretedValue, ...otherUsernames].sort()).toEqual(["alice", "bob", "carol.jones"]);
  });
});

describe("emails", () => {
  it("are found whole and lowercased, keeping what was typed as the original value", () => {
    const { email } = understand("add judy with JUDY.Smith+work@Example.CO.uk.").entities;

    expect(email).toEqual({
      originalValue: "JUDY.Smith+work@Example.CO.uk",
      interpretedValue: "judy.smith+work@example.co.uk",
    });
  });
});

describe("display names", () => {
  it.each([
    ["in quotes", `create user grace named "Grace Hopper"`, "Grace Hopper"],
    ["after 'display name'", "add heidi, display name Heidi Klum, heidi@example.com", "Heidi Klum"],
    ["with an initial", "edit user grace, display name Grace M. Hopper", "Grace M. Hopper"],
    ["after 'the name of <user> to'", "correct the name of walter to Walter White", "Walter White"],
    ["after 'rename <user> to'", "rename carol to Carol Jones", "Carol Jones"],
    ["after 'call him'", "oscar@example.com, and call him Oscar the Grouch", "Oscar the Grouch"],
  ])("are found %s, without the words around them", (_case, text, displayName) => {
    expect(entitiesOf(text).displayName).toBe(displayName);
  });

  it("name their owner when the phrase does ('the name of walter')", () => {
    expect(entitiesOf("set the display name of walter to Heisenberg").username).toBe("walter");
  });

  it("are not found in a question about the name", () => {
    expect(entitiesOf("what is the display name of user ivan")).toEqual({
      username: "ivan",
      email: undefined,
      displayName: undefined,
    });
  });

  it("give way to the username after 'called' when no other username came first", () => {
    expect(entitiesOf("create a user called zoe")).toMatchObject({ username: "zoe", displayName: undefined });
    expect(entitiesOf("create bob called Bobby")).toMatchObject({ username: "bob", displayName: "Bobby" });
  });
});

describe("search terms", () => {
  it.each([
    ["after 'starting with'", "find users starting with Al", "Al"],
    ["after 'begin with'", "which accounts begin with mar?", "mar"],
    ["after 'with the letters'", "users starting with the letters jo", "jo"],
    ["a single letter, even one that could be an article", "users starting with a", "a"],
    ["after 'prefix'", "search users with prefix dev", "dev"],
    ["quoted", "accounts that begin with 'ka'", "ka"],
    ["after 'find', accents and all", "find Zoë", "Zoë"],
    ["in a script without spaces", "search users for 李", "李"],
    ["after 'anyone called'", "is there anyone called Ann Johnson?", "Ann Johnson"],
    ["after 'who is named'", "who is named Okafor", "Okafor"],
    ["between 'with' and 'in their name'", "find anyone with garcia in their name", "garcia"],
  ])("are found %s, as typed", (_case, text, term) => {
    const { searchTerm, username } = understand(text).entities;

    expect(searchTerm?.interpretedValue).toBe(term);
    expect(username).toBeUndefined();
  });

  it.each([
    ["where nothing introduces one", "show user alice"],
    ["in a thing after a determiner", "find a good pizza place"],
    ["in a possessive, which names a user's record", "find omar's profile"],
  ])("are not found %s", (_case, text) => {
    expect(understand(text).entities.searchTerm).toBeUndefined();
  });
});
