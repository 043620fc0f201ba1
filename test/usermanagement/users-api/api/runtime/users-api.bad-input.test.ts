// Bad input gets a precise 4xx with problem details, and never changes the table.
import { beforeEach, describe, expect, it } from "vitest";
import { httpApiEvent } from "../../../../support/http-api-events";
import { ADMIN } from "../../../../support/identities";
import { answerTo, type UsersApiUnderTest, usersApiUnderTest } from "../../../../support/users-api-client";

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
    [
      "a body over 16 KiB in bytes, under it in characters",
      JSON.stringify({ displayName: "é".repeat(8_500) }),
      json,
      413,
    ],
    [
      "a charset other than UTF-8",
      '{"displayName":"x"}',
      { "content-type": "application/json; charset=utf-16" },
      415,
    ],
    [
      "a Latin-1 charset",
      '{"displayName":"x"}',
      { "content-type": "application/json;charset=ISO-8859-1" },
      415,
    ],
    ["a JSON array", "[]", json, 400],
    ["JSON null", "null", json, 400],
    ["a member named twice", '{"email":"a@example.com","email":"b@example.com"}', json, 400],
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

  it.each([
    ["a right-to-left override, which shows what follows backwards", "Bob \u202Enimda"],
    ["a first-strong isolate", "Bob \u2068x\u2069"],
    ["a zero-width space", "Bo\u200Bb"],
    ["a byte-order mark inside the name", "Bo\uFEFFb"],
    ["a left-to-right mark", "Bob\u200E"],
    ["a word joiner", "Bo\u2060b"],
    ["a zero-width joiner outside a word", "Bob\u200D"],
  ])("rejects a display name with %s, naming the rule", async (_case, displayName) => {
    const response = await api.request("POST", "/api/users", {
      body: { username: "bob", email: "b@example.com", displayName },
    });

    expect(response.status).toBe(400);
    expect(response.json.errors).toEqual([
      {
        field: "displayName",
        message: expect.stringMatching(/^must not contain invisible format characters/),
      },
    ]);
    expect(await api.tableContents()).toEqual(before);
  });

  it.each([
    ["a Persian name spelled with a zero-width non-joiner", "عبدالله\u200Cزاده"],
    ["an emoji sequence joined by zero-width joiners", "Bob \u{1F469}\u200D\u{1F4BB}"],
    ["an emoji sequence with a skin tone", "Bob \u{1F469}\u{1F3FD}\u200D\u{1F4BB}"],
  ])("accepts %s", async (_case, displayName) => {
    const response = await api.request("POST", "/api/users", {
      body: { username: "bob", email: "b@example.com", displayName },
    });

    expect(response.status).toBe(201);
    expect(response.json.displayName).toBe(displayName);
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

describe("bytes", () => {
  it("refuses invalid UTF-8 that an earlier hop decoded into U+FFFD, as the sandbox's API Gateway does", async () => {
    const bytes = Buffer.concat([
      Buffer.from('{"username":"bob","email":"bob@example.com","displayName":"Ren'),
      Buffer.from([0xe9]),
      Buffer.from('e"}'),
    ]);

    const response = await api.request("POST", "/api/users", { rawBody: bytes, headers: json });

    expect(response.status).toBe(400);
    expect(response.json.detail).toContain("U+FFFD");
    expect(await api.tableContents()).toEqual(before);
  });

  it("refuses a body that is not valid UTF-8 with 400, storing nothing", async () => {
    // Invalid UTF-8 reaches a function base64-encoded; it must not be repaired into U+FFFD and stored.
    const bytes = Buffer.concat([
      Buffer.from('{"username":"bob","email":"bob@example.com","displayName":"'),
      Buffer.from([0xff, 0xfe]),
      Buffer.from('"}'),
    ]);
    const event = httpApiEvent({
      method: "POST",
      rawPath: "/api/users",
      headers: json,
      body: bytes.toString("base64"),
      isBase64Encoded: true,
      authorizer: ADMIN,
    });

    const response = await answerTo(api.handler, event);

    expect(response.status).toBe(400);
    expect(response.headers["content-type"]).toBe("application/problem+json");
    expect(await api.tableContents()).toEqual(before);
  });

  it("accepts UTF-8 declared as the charset, in any spelling", async () => {
    const response = await api.request("POST", "/api/users", {
      rawBody: JSON.stringify({ username: "bob", email: "bob@example.com", displayName: "Bób" }),
      headers: { "content-type": 'application/json; charset="UTF-8"' },
    });

    expect(response.status).toBe(201);
    expect(response.json.displayName).toBe("Bób");
  });
});

describe("events API Gateway can deliver but no route expects", () => {
  it.each([
    ["GET", "/api/users/%20"],
    ["GET", "/api/users/%09"],
    ["GET", "/api/users/ "],
    ["GET", "/api/users/\t"],
    ["DELETE", "/api/users/%20%20%20"],
    ["DELETE", "/api/users/   "],
    ["PATCH", "/api/users/%00"],
  ])(
    "answers %s %s, a blank or control-character name, with 404 problem details",
    async (method, rawPath) => {
      const event = httpApiEvent({ method, rawPath, authorizer: ADMIN });

      const response = await answerTo(api.handler, event);

      expect(response.status).toBe(404);
      expect(response.headers["content-type"]).toBe("application/problem+json");
      expect(await api.tableContents()).toEqual(before);
    },
  );

  it.each(["/api/users/alice", "/api/users/Alice", "/api/users/%61lice"])(
    "finds alice at %s whether the path arrives encoded or decoded",
    async (rawPath) => {
      const response = await answerTo(api.handler, httpApiEvent({ rawPath, authorizer: ADMIN }));

      expect(response.status).toBe(200);
      expect(response.json.username).toBe("alice");
    },
  );

  it.each(["GET", "HEAD"])("ignores the body of a %s", async (method) => {
    const event = httpApiEvent({
      method,
      rawPath: "/api/users",
      body: "{}",
      headers: json,
      authorizer: ADMIN,
    });

    const response = await answerTo(api.handler, event);

    expect(response.status).toBe(method === "GET" ? 200 : 405);
  });

  it.each([
    ["a Host that makes no URL", { host: "a b/c?#" }],
    ["a port out of range", { host: "example.com:99999" }],
    ["an X-Forwarded-Proto that is no scheme", { "x-forwarded-proto": "javascript://x" }],
  ])("answers a request with %s", async (_case, headers) => {
    const event = httpApiEvent({ rawPath: "/api/users/alice", headers, authorizer: ADMIN });

    const response = await answerTo(api.handler, event);

    expect(response.status).toBe(200);
  });

  it("answers a method the router cannot route with 405 problem details", async () => {
    const response = await answerTo(api.handler, httpApiEvent({ method: "PROPFIND", rawPath: "/api/users" }));

    expect(response.status).toBe(405);
    expect(response.headers.allow).toBe("GET, POST");
    expect(response.headers["content-type"]).toBe("application/problem+json");
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
