// Bad input gets a precise 4xx with problem details, and never changes the table.
import { beforeEach, describe, expect, it } from "vitest";
import { type UsersApiUnderTest, usersApiUnderTest } from "../../../../support/users-api-client";

let api: UsersApiUnderTest;
let before: unknown[];
beforeEach(async () => {
  api = await usersApiUnderTest();
  await api.request("POST", "/api/users", { body: { username: "alice", email: "alice@example.com" } });
  before = await api.tableContents();
});

const json = { "content-type": "application/json" };

describe.each(["POST /api/users", "PATCH /api/users/alice"])("%s", (route) => {
  const [method, url] = route.split(" ");

  it.each([
    ["malformed JSON", '{"username": "bob",', json, 400],
    ["an empty body", "", json, 400],
    ["a non-JSON content type", "username=bob", { "content-type": "application/x-www-form-urlencoded" }, 415],
    ["no content type", '{"username":"bob"}', {}, 415],
    ["a body over 16 KiB", JSON.stringify({ displayName: "x".repeat(17_000) }), json, 413],
    ["a JSON array", "[]", json, 400],
    ["JSON null", "null", json, 400],
  ])("rejects %s", async (_case, rawBody, headers, status) => {
    const response = await api.request(method, url, { rawBody, headers });

    expect(response.status).toBe(status);
    expect(response.headers["content-type"]).toBe("application/problem+json");
    expect(response.json).toMatchObject({ status, title: expect.any(String), detail: expect.any(String) });
    expect(await api.tableContents()).toEqual(before);
  });
});

describe("POST /api/users", () => {
  it.each([
    ["a too-short username", { username: "ab", email: "b@example.com" }, "username"],
    ["a too-long username", { username: "a".repeat(33), email: "b@example.com" }, "username"],
    ["a username with a space", { username: "bob smith", email: "b@example.com" }, "username"],
    ["a username starting with a dot", { username: ".bob", email: "b@example.com" }, "username"],
    ["a username that is a number", { username: 12345, email: "b@example.com" }, "username"],
    ["a missing email", { username: "bob" }, "email"],
    ["an email without a domain", { username: "bob", email: "bob@" }, "email"],
    ["an email over 254 characters", { username: "bob", email: `${"b".repeat(250)}@example.com` }, "email"],
    ["an email that is an object", { username: "bob", email: { address: "b@example.com" } }, "email"],
    ["a blank display name", { username: "bob", email: "b@example.com", displayName: "   " }, "displayName"],
    [
      "a display name over 100",
      { username: "bob", email: "b@example.com", displayName: "x".repeat(101) },
      "displayName",
    ],
    [
      "a display name with a control character",
      { username: "bob", email: "b@example.com", displayName: "a\u0007b" },
      "displayName",
    ],
    ["an unknown field", { username: "bob", email: "b@example.com", role: "admin" }, "role"],
  ])("rejects %s with 400 naming the field", async (_case, body, field) => {
    const response = await api.request("POST", "/api/users", { body });

    expect(response.status).toBe(400);
    expect(response.json.errors).toContainEqual(expect.objectContaining({ field }));
    expect(await api.tableContents()).toEqual(before);
  });
});

describe("PATCH /api/users/{username}", () => {
  it.each([
    ["an invalid email", { email: "not-an-email" }, "email"],
    ["a display name that is a number", { displayName: 7 }, "displayName"],
    ["an unknown field", { nickname: "al" }, "nickname"],
  ])("rejects %s with 400 naming the field", async (_case, body, field) => {
    const response = await api.request("PATCH", "/api/users/alice", { body });

    expect(response.status).toBe(400);
    expect(response.json.errors).toContainEqual(expect.objectContaining({ field }));
    expect(await api.tableContents()).toEqual(before);
  });

  it("treats an unparseable If-Match as a precondition that fails", async () => {
    const response = await api.request("PATCH", "/api/users/alice", {
      body: { displayName: "X" },
      headers: { "if-match": "version one" },
    });

    expect(response.status).toBe(412);
    expect(await api.tableContents()).toEqual(before);
  });
});

describe("paths", () => {
  it.each(["/api/users/a%20b", "/api/users/%E0%A4%A", "/api/users/x"])(
    "answers %s, a name no user can have, with a 4xx",
    async (path) => {
      const response = await api.request("GET", path);

      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
    },
  );
});
