// The Users API contract, through the real handler against DynamoDB Local.
import { beforeEach, describe, expect, it } from "vitest";
import { httpApiEvent } from "../../../../support/http-api-events";
import { answerTo, type UsersApiUnderTest, usersApiUnderTest } from "../../../../support/users-api-client";

let api: UsersApiUnderTest;
beforeEach(async () => {
  api = await usersApiUnderTest();
});

const create = (username: string, email = `${username}@example.com`, extra: object = {}) =>
  api.request("POST", "/api/users", { body: { username, email, ...extra } });

describe("POST /api/users", () => {
  it("creates a user with a lowercase username, a trimmed display name and version 1", async () => {
    const response = await create("Alice", "Alice@Example.com", { displayName: "  Alice Liddell " });

    expect(response.status).toBe(201);
    expect(response.headers.location).toBe("/api/users/alice");
    expect(response.headers.etag).toBe('"1"');
    expect(response.json).toMatchObject({
      username: "alice",
      email: "Alice@Example.com",
      displayName: "Alice Liddell",
      version: 1,
    });
    expect(response.json.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(response.json.updatedAt).toBe(response.json.createdAt);
  });

  it("rejects a username that is taken, whatever its case", async () => {
    await create("alice");

    const response = await create("ALICE", "other@example.com");

    expect(response.status).toBe(409);
    expect(response.headers["content-type"]).toBe("application/problem+json");
    expect(response.json).toMatchObject({
      status: 409,
      title: "Username taken",
      errors: [{ field: "username" }],
    });
  });

  it("rejects an email that another user has, whatever its case", async () => {
    await create("alice", "alice@example.com");

    const response = await create("bob", "ALICE@example.COM");

    expect(response.status).toBe(409);
    expect(response.json).toMatchObject({ title: "Email taken", errors: [{ field: "email" }] });
  });

  it("takes a single DynamoDB call", async () => {
    await create("alice");
    expect(api.dynamoDBCalls).toEqual(["TransactWriteItemsCommand"]);
  });
});

describe("GET /api/users/{username}", () => {
  it("returns the user with its ETag, found by any case of its name", async () => {
    await create("alice");

    const response = await api.request("GET", "/api/users/Alice");

    expect(response.status).toBe(200);
    expect(response.headers.etag).toBe('"1"');
    expect(response.json.username).toBe("alice");
    expect(api.dynamoDBCalls).toEqual(["TransactWriteItemsCommand", "GetItemCommand"]);
  });

  it("answers 404 with problem details for an unknown user", async () => {
    const response = await api.request("GET", "/api/users/nobody");

    expect(response.status).toBe(404);
    expect(response.json).toMatchObject({ status: 404, title: "User not found" });
  });
});

describe("GET /api/users", () => {
  it("walks every user exactly once, in username order, page by page", async () => {
    const names = ["dave", "carol", "bob", "alice", "erin", "frank", "grace"];
    for (const name of names) await create(name);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;

    do {
      const query: string = cursor ? `limit=3&cursor=${cursor}` : "limit=3";
      const response = await api.request("GET", `/api/users?${query}`);
      expect(response.status).toBe(200);
      expect(response.json.items.length).toBeLessThanOrEqual(3);
      seen.push(...response.json.items.map((user: { username: string }) => user.username));
      cursor = response.json.nextCursor;
      pages++;
    } while (cursor);

    expect(seen).toEqual([...names].sort());
    expect(pages).toBe(3);
  });

  it("returns 25 users by default and a cursor when there are more", async () => {
    await Promise.all(Array.from({ length: 27 }, (_, i) => create(`user${String(i).padStart(2, "0")}`)));

    const response = await api.request("GET", "/api/users");

    expect(response.json.items).toHaveLength(25);
    expect(response.json.nextCursor).toEqual(expect.any(String));
  });

  it("answers an empty table with no items and no cursor, in one DynamoDB call", async () => {
    const response = await api.request("GET", "/api/users");

    expect(response.json).toEqual({ items: [], nextCursor: null });
    expect(api.dynamoDBCalls).toEqual(["QueryCommand"]);
  });

  it.each(["0", "101", "2.5", "ten", "", "0x2", "1e1", "2.0", "%202", "-1", "+2"])(
    "rejects limit=%s with 400 naming the field",
    async (limit) => {
      const response = await api.request("GET", `/api/users?limit=${limit}`);

      expect(response.status).toBe(400);
      expect(response.json.errors).toEqual([expect.objectContaining({ field: "limit" })]);
    },
  );

  it("rejects an empty cursor instead of returning the first page", async () => {
    const response = await api.request("GET", "/api/users?cursor=");

    expect(response.status).toBe(400);
    expect(response.json.errors).toEqual([expect.objectContaining({ field: "cursor" })]);
  });

  it("rejects a parameter given twice", async () => {
    const response = await api.request("GET", "/api/users?limit=2&limit=3");

    expect(response.status).toBe(400);
    expect(response.json.errors).toEqual([expect.objectContaining({ field: "limit" })]);
  });

  it.each(["garbage!", "QUJD", "YWxpY2U="])(
    "rejects cursor=%s that this API never issued",
    async (cursor) => {
      const response = await api.request("GET", `/api/users?cursor=${encodeURIComponent(cursor)}`);

      expect(response.status).toBe(400);
      expect(response.json.errors).toEqual([expect.objectContaining({ field: "cursor" })]);
    },
  );

  it("rejects an unknown query parameter", async () => {
    const response = await api.request("GET", "/api/users?sort=name");

    expect(response.status).toBe(400);
    expect(response.json.errors).toEqual([expect.objectContaining({ field: "sort" })]);
  });
});

describe("PATCH /api/users/{username}", () => {
  it("changes the display name, bumps the version and the ETag, keeps createdAt", async () => {
    const created = await create("alice");

    const response = await api.request("PATCH", "/api/users/alice", { body: { displayName: "Alice" } });

    expect(response.status).toBe(200);
    expect(response.headers.etag).toBe('"2"');
    expect(response.json).toMatchObject({
      displayName: "Alice",
      version: 2,
      createdAt: created.json.createdAt,
    });
  });

  it("removes the display name when it is null", async () => {
    await create("alice", undefined, { displayName: "Alice" });

    const response = await api.request("PATCH", "/api/users/alice", { body: { displayName: null } });

    expect(response.status).toBe(200);
    expect(response.json).not.toHaveProperty("displayName");
    expect((await api.request("GET", "/api/users/alice")).json).not.toHaveProperty("displayName");
  });

  it("accepts PUT as a synonym", async () => {
    await create("alice");

    const response = await api.request("PUT", "/api/users/alice", { body: { displayName: "Alice" } });

    expect(response.status).toBe(200);
    expect(response.json.displayName).toBe("Alice");
  });

  it("moves the email: the new one is taken, the old one is free again", async () => {
    await create("alice", "old@example.com");

    const response = await api.request("PATCH", "/api/users/alice", { body: { email: "new@example.com" } });

    expect(response.status).toBe(200);
    expect(response.json.email).toBe("new@example.com");
    expect((await create("bob", "new@example.com")).status).toBe(409);
    expect((await create("carol", "old@example.com")).status).toBe(201);
  });

  it("moves an email, and changes a display name, each in a read and one transaction", async () => {
    // The read learns the search terms (and the email claim) the transaction replaces.
    await create("alice");
    api.dynamoDBCalls.length = 0;

    await api.request("PATCH", "/api/users/alice", { body: { email: "elsewhere@example.com" } });
    expect(api.dynamoDBCalls).toEqual(["GetItemCommand", "TransactWriteItemsCommand"]);

    api.dynamoDBCalls.length = 0;
    await api.request("PATCH", "/api/users/alice", { body: { displayName: "A" } });
    expect(api.dynamoDBCalls).toEqual(["GetItemCommand", "TransactWriteItemsCommand"]);
  });

  it("keeps its own email when only the case changes", async () => {
    await create("alice", "alice@example.com");

    const response = await api.request("PATCH", "/api/users/alice", { body: { email: "ALICE@example.com" } });

    expect(response.status).toBe(200);
    expect(response.json.email).toBe("ALICE@example.com");
    expect((await create("bob", "alice@EXAMPLE.com")).status).toBe(409);
  });

  it("refuses an email another user has, changing nothing", async () => {
    await create("alice");
    await create("bob");
    const before = await api.tableContents();

    const response = await api.request("PATCH", "/api/users/alice", { body: { email: "bob@example.com" } });

    expect(response.status).toBe(409);
    expect(await api.tableContents()).toEqual(before);
  });

  it("applies a change whose If-Match is current, and refuses a stale one with 412", async () => {
    await create("alice");
    const fresh = await api.request("PATCH", "/api/users/alice", {
      body: { displayName: "One" },
      headers: { "if-match": '"1"' },
    });
    const before = await api.tableContents();

    const stale = await api.request("PATCH", "/api/users/alice", {
      body: { displayName: "Two" },
      headers: { "if-match": '"1"' },
    });

    expect(fresh.status).toBe(200);
    expect(stale.status).toBe(412);
    expect(stale.headers.etag).toBe('"2"');
    expect(await api.tableContents()).toEqual(before);
  });

  it("refuses a stale If-Match on an email move too", async () => {
    await create("alice");
    await api.request("PATCH", "/api/users/alice", { body: { displayName: "One" } });

    const stale = await api.request("PATCH", "/api/users/alice", {
      body: { email: "moved@example.com" },
      headers: { "if-match": '"1"' },
    });

    expect(stale.status).toBe(412);
    expect((await create("bob", "moved@example.com")).status).toBe(201);
  });

  it("answers 404 for an unknown user", async () => {
    const response = await api.request("PATCH", "/api/users/nobody", { body: { displayName: "X" } });
    expect(response.status).toBe(404);
  });

  it("requires at least one of email and displayName", async () => {
    await create("alice");

    const response = await api.request("PATCH", "/api/users/alice", { body: {} });

    expect(response.status).toBe(400);
    expect(response.json.detail).toMatch(/invalid/);
  });

  it("does not let the username change", async () => {
    await create("alice");

    const response = await api.request("PATCH", "/api/users/alice", { body: { username: "mallory" } });

    expect(response.status).toBe(400);
    expect(response.json.errors).toContainEqual(expect.objectContaining({ field: "username" }));
  });
});

describe("If-Match (RFC 9110)", () => {
  const atVersion4 = async () => {
    await create("alice");
    for (const name of ["A", "B", "C"])
      await api.request("PATCH", "/api/users/alice", { body: { displayName: name } });
  };

  it.each([
    ["a list naming the current version", '"1", "4"', 200],
    ["*", "*", 200],
    ["a weak tag of the current version", 'W/"4"', 412],
    ["a tag that only reads as the current version", '"04"', 412],
    ["a list of stale versions", '"2", "3"', 412],
  ])("answers a change under %s (current version 4) with %i", async (_case, ifMatch, status) => {
    await atVersion4();

    const response = await api.request("PATCH", "/api/users/alice", {
      body: { displayName: "Z" },
      headers: { "if-match": ifMatch },
    });

    expect(response.status).toBe(status);
    expect((await api.request("GET", "/api/users/alice")).json.version).toBe(status === 200 ? 5 : 4);
  });

  it("moves an email and deletes under a list naming the current version", async () => {
    await atVersion4();

    const moved = await api.request("PATCH", "/api/users/alice", {
      body: { email: "new@example.com" },
      headers: { "if-match": '"3", "4"' },
    });
    const deleted = await api.request("DELETE", "/api/users/alice", { headers: { "if-match": '"9", "5"' } });

    expect(moved.status).toBe(200);
    expect(deleted.status).toBe(204);
  });

  it("refuses with 400 a list of more versions than one conditional write can check", async () => {
    await create("alice");
    const tags = Array.from({ length: 101 }, (_, i) => `"${i + 1}"`).join(", ");

    const response = await api.request("PATCH", "/api/users/alice", {
      body: { displayName: "Z" },
      headers: { "if-match": tags },
    });

    expect(response.status).toBe(400);
    expect(response.headers["content-type"]).toBe("application/problem+json");
  });

  it("answers * for a user that does not exist with 404", async () => {
    const response = await api.request("PATCH", "/api/users/nobody", {
      body: { displayName: "Z" },
      headers: { "if-match": "*" },
    });

    expect(response.status).toBe(404);
  });
});

describe("DELETE /api/users/{username}", () => {
  it("deletes the user and frees its email", async () => {
    await create("alice", "alice@example.com");

    const response = await api.request("DELETE", "/api/users/alice");

    expect(response.status).toBe(204);
    expect((await api.request("GET", "/api/users/alice")).status).toBe(404);
    expect((await create("bob", "alice@example.com")).status).toBe(201);
  });

  it("answers 404 for an unknown user", async () => {
    expect((await api.request("DELETE", "/api/users/nobody")).status).toBe(404);
  });

  it("refuses a stale If-Match with 412 and keeps the user", async () => {
    await create("alice");
    await api.request("PATCH", "/api/users/alice", { body: { displayName: "Changed" } });

    const response = await api.request("DELETE", "/api/users/alice", { headers: { "if-match": '"1"' } });

    expect(response.status).toBe(412);
    expect((await api.request("GET", "/api/users/alice")).status).toBe(200);
  });

  it("deletes with a current If-Match", async () => {
    await create("alice");

    const response = await api.request("DELETE", "/api/users/alice", { headers: { "if-match": '"1"' } });

    expect(response.status).toBe(204);
  });
});

describe("routing", () => {
  it("answers a path it does not serve with 404 problem details", async () => {
    // API Gateway routes no such path to the function; a direct invocation still gets a problem.
    const response = await answerTo(api.handler, httpApiEvent({ rawPath: "/api/groups" }));

    expect(response.status).toBe(404);
    expect(response.headers["content-type"]).toBe("application/problem+json");
  });

  it.each([
    ["DELETE", "/api/users", "GET, POST"],
    ["POST", "/api/users/alice", "GET, PATCH, PUT, DELETE"],
  ])("answers %s %s with 405 and Allow", async (method, path, allow) => {
    const response = await api.request(method, path);

    expect(response.status).toBe(405);
    expect(response.headers.allow).toBe(allow);
  });
});
