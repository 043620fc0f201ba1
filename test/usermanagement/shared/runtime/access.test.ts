// Who may change users, read from the claims API Gateway's JWT authorizer hands the function: a person by the
// admins group, a machine by the write scope, and only on an access token. Each row is written out by hand, in
// the shapes API Gateway passes claims (a list claim rendered as one "[a b]" string) and as plain JSON.
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { describe, expect, it } from "vitest";
import { accessOf, verifiedToken } from "../../../../usermanagement/shared/runtime/access";

const eventWith = (jwt?: { claims?: Record<string, unknown>; scopes?: string[] | null }) =>
  ({ requestContext: jwt ? { authorizer: { jwt } } : {} }) as unknown as APIGatewayProxyEventV2;

const person = (claims: Record<string, unknown>) =>
  eventWith({ claims: { token_use: "access", username: "ada", ...claims } });

const machine = (claims: Record<string, unknown>, routeScopes: string[] | null = null) =>
  eventWith({
    claims: { token_use: "access", client_id: "robot", sub: "robot", ...claims },
    scopes: routeScopes,
  });

describe("a person's right to change users", () => {
  it.each([
    ["the admins group, as API Gateway renders a list claim", { "cognito:groups": "[admins]" }, true],
    ["the admins group among others", { "cognito:groups": "[auditors admins]" }, true],
    ["the admins group as a JSON list", { "cognito:groups": ["auditors", "admins"] }, true],
    ["the admins group as a bare string", { "cognito:groups": "admins" }, true],
    ["a group whose name only contains admins", { "cognito:groups": "[administrators]" }, false],
    ["a group spelt in capitals", { "cognito:groups": "[Admins]" }, false],
    [
      "no group, though the token carries the write scope",
      { scope: "users-api/read users-api/write" },
      false,
    ],
    ["an empty group list", { "cognito:groups": "[]" }, false],
    ["a groups claim of another type", { "cognito:groups": 7 }, false],
    ["a claim that only opens a list", { "cognito:groups": "[admins auditors" }, false],
    ["a claim that only closes a list", { "cognito:groups": "auditors admins]" }, false],
  ])("comes from their groups: %s → %s", (_case, claims, mayChange) => {
    const access = accessOf(person(claims));

    expect(access.caller.kind).toBe("person");
    expect(access.mayChangeUsers).toBe(mayChange);
  });

  it("names the person and lists their groups", () => {
    expect(accessOf(person({ "cognito:groups": "[ auditors  admins ]" })).caller).toEqual({
      kind: "person",
      username: "ada",
      groups: ["auditors", "admins"],
    });
  });

  it.each([
    ["an ID token", "id"],
    ["a token that says nothing of its use", undefined],
    ["a token of an unknown use", "refresh"],
  ])("is never granted by %s, whatever its groups", (_case, tokenUse) => {
    const event = eventWith({
      claims: { token_use: tokenUse, username: "ada", "cognito:groups": "[admins]" },
    });

    expect(accessOf(event).mayChangeUsers).toBe(false);
  });
});

describe("a machine's right to change users", () => {
  it.each([
    ["the write scope among its scopes", { scope: "users-api/read users-api/write" }, null, true],
    ["the write scope alone", { scope: "users-api/write" }, null, true],
    ["scopes apart by several spaces", { scope: "users-api/read \t users-api/write" }, null, true],
    ["scopes as a JSON list", { scope: ["users-api/read", "users-api/write"] }, null, true],
    ["the write scope only in what the route passed on", {}, ["users-api/write"], true],
    ["the read scope only", { scope: "users-api/read" }, ["users-api/read"], false],
    ["a scope that only begins like the write scope", { scope: "users-api/writer" }, null, false],
    ["another resource server's write scope", { scope: "other-api/write" }, null, false],
  ])("comes from its scopes: %s → %s", (_case, claims, routeScopes, mayChange) => {
    const access = accessOf(machine(claims, routeScopes));

    expect(access.caller.kind).toBe("machine");
    expect(access.mayChangeUsers).toBe(mayChange);
  });

  it("names the client and every scope it holds, once each", () => {
    expect(
      accessOf(machine({ scope: "users-api/read users-api/write" }, ["users-api/write"])).caller,
    ).toEqual({
      kind: "machine",
      clientId: "robot",
      scopes: ["users-api/read", "users-api/write"],
    });
  });

  it("is never granted by an ID token", () => {
    expect(accessOf(machine({ token_use: "id", scope: "users-api/write" })).mayChangeUsers).toBe(false);
  });
});

describe("a caller these APIs do not know", () => {
  it.each([
    ["no authorizer at all", eventWith()],
    ["a direct invocation's event without a request context", {} as APIGatewayProxyEventV2],
    ["a client id other than the subject", machine({ sub: "someone", scope: "users-api/write" })],
    ["an empty client id", machine({ client_id: "", sub: "", scope: "users-api/write" })],
    ["an empty username and no client", eventWith({ claims: { token_use: "access", username: "" } })],
    ["a username of another type", eventWith({ claims: { token_use: "access", username: 42 } })],
  ])("may not change users: %s", (_case, event) => {
    expect(accessOf(event)).toEqual({ caller: { kind: "unknown" }, mayChangeUsers: false });
  });

  it("is a person, not a machine, when the token names both a username and its client as subject", () => {
    const event = machine({ username: "ada", scope: "users-api/write" });

    expect(accessOf(event)).toEqual({
      caller: { kind: "person", username: "ada", groups: [] },
      mayChangeUsers: false,
    });
  });
});

describe("the verified token", () => {
  it("is empty claims and no scopes when API Gateway passed none", () => {
    expect(verifiedToken(eventWith())).toEqual({ claims: {}, scopes: [] });
    expect(verifiedToken(eventWith({ claims: { sub: "x" }, scopes: null }))).toEqual({
      claims: { sub: "x" },
      scopes: [],
    });
  });

  it("is the claims and scopes API Gateway passed", () => {
    expect(verifiedToken(eventWith({ claims: { sub: "x" }, scopes: ["users-api/read"] }))).toEqual({
      claims: { sub: "x" },
      scopes: ["users-api/read"],
    });
  });
});
