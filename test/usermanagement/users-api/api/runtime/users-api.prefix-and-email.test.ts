// The lookups kept beside the search, for scripts and the chat: by username prefix (a paged list, one Query per
// page) and by exact email (at most two reads).
import { beforeEach, describe, expect, it } from "vitest";
import { type UsersApiUnderTest, usersApiUnderTest } from "../../../../support/users-api-client";

let api: UsersApiUnderTest;
beforeEach(async () => {
  api = await usersApiUnderTest();
});

const create = (username: string, email = `${username}@example.com`) =>
  api.request("POST", "/api/users", { body: { username, email } });
const names = (response: { json: { items: { username: string }[] } }) =>
  response.json.items.map((user) => user.username);

describe("GET /api/users?prefix=", () => {
  beforeEach(async () => {
    for (const name of ["bob", "alb.x", "alan", "alice", "al_1", "ali", "alz", "aka"]) await create(name);
    api.dynamoDBCalls.length = 0;
  });

  it("finds the users whose name starts with the prefix, in username order, in one Query", async () => {
    const response = await api.request("GET", "/api/users?prefix=al");

    expect(response.status).toBe(200);
    expect(names(response)).toEqual(["al_1", "alan", "alb.x", "ali", "alice", "alz"]);
    expect(response.json.nextCursor).toBeNull();
    expect(api.dynamoDBCalls).toEqual(["QueryCommand"]);
  });

  it("ignores the case of the prefix", async () => {
    expect(names(await api.request("GET", "/api/users?prefix=ALI"))).toEqual(["ali", "alice"]);
  });

  it("includes the user whose name is the prefix itself", async () => {
    expect(names(await api.request("GET", "/api/users?prefix=alice"))).toEqual(["alice"]);
  });

  it("answers a prefix that matches nothing with an empty page", async () => {
    const response = await api.request("GET", "/api/users?prefix=zed");

    expect(response.json).toEqual({ items: [], nextCursor: null });
  });

  it("pages through a prefix spanning several pages, one Query per page, each user once", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : "";
      const response = await api.request("GET", `/api/users?prefix=al&limit=2${query}`);
      expect(response.status).toBe(200);
      seen.push(...names(response));
      cursor = response.json.nextCursor;
      pages++;
    } while (cursor);

    expect(seen).toEqual(["al_1", "alan", "alb.x", "ali", "alice", "alz"]);
    expect(pages).toBe(3);
    expect(api.dynamoDBCalls).toEqual(Array(3).fill("QueryCommand"));
  });

  it.each(["", "-al", ".a", "a b", "a".repeat(33), "al%25", "é"])(
    "rejects the prefix %j with 400",
    async (prefix) => {
      const response = await api.request("GET", `/api/users?prefix=${encodeURIComponent(prefix)}`);

      expect(response.status).toBe(400);
      expect(response.json.errors).toEqual([expect.objectContaining({ field: "prefix" })]);
    },
  );

  it("refuses a cursor issued for another prefix or for the plain list", async () => {
    const ofPrefix = (await api.request("GET", "/api/users?prefix=al&limit=1")).json.nextCursor;
    const ofList = (await api.request("GET", "/api/users?limit=1")).json.nextCursor;

    const otherPrefix = await api.request("GET", `/api/users?prefix=ali&cursor=${ofPrefix}`);
    const listCursorInSearch = await api.request("GET", `/api/users?prefix=a&cursor=${ofList}`);
    const searchCursorInList = await api.request("GET", `/api/users?cursor=${ofPrefix}`);

    for (const response of [otherPrefix, listCursorInSearch, searchCursorInList]) {
      expect(response.status).toBe(400);
      expect(response.json.errors).toEqual([expect.objectContaining({ field: "cursor" })]);
    }
  });
});

describe("GET /api/users?email=", () => {
  beforeEach(async () => {
    await create("alice", "Alice@Example.com");
    await create("bob");
    api.dynamoDBCalls.length = 0;
  });

  it("finds the one user with the address, in any case, in two reads", async () => {
    const response = await api.request("GET", `/api/users?email=${encodeURIComponent("aLiCe@example.COM")}`);

    expect(response.status).toBe(200);
    expect(response.json).toEqual({
      items: [expect.objectContaining({ username: "alice" })],
      nextCursor: null,
    });
    expect(api.dynamoDBCalls).toEqual(["GetItemCommand", "GetItemCommand"]);
  });

  it("answers an unknown address with an empty page in one read", async () => {
    const response = await api.request("GET", "/api/users?email=nobody@example.com");

    expect(response.json).toEqual({ items: [], nextCursor: null });
    expect(api.dynamoDBCalls).toEqual(["GetItemCommand"]);
  });

  it("no longer finds an address its user moved away from", async () => {
    await api.request("PATCH", "/api/users/alice", { body: { email: "alice.new@example.com" } });

    expect((await api.request("GET", "/api/users?email=alice@example.com")).json.items).toEqual([]);
    expect(names(await api.request("GET", "/api/users?email=alice.new@example.com"))).toEqual(["alice"]);
  });

  it("no longer finds the address of a deleted user", async () => {
    await api.request("DELETE", "/api/users/bob");

    expect((await api.request("GET", "/api/users?email=bob@example.com")).json.items).toEqual([]);
  });

  it.each([
    ["with a prefix", "email=bob@example.com&prefix=b"],
    ["with a limit", "email=bob@example.com&limit=5"],
    ["with a cursor", "email=bob@example.com&cursor=Ym9i"],
    ["that is not an address", "email=bob"],
  ])("rejects an email lookup %s with 400", async (_case, query) => {
    const response = await api.request("GET", `/api/users?${query}`);

    expect(response.status).toBe(400);
    expect(response.headers["content-type"]).toBe("application/problem+json");
  });
});
