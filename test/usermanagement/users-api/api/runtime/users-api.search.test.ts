// The one search box, `GET /api/users?search=`: what finds whom, in what order and pages, what a search costs in
// DynamoDB calls, and that the terms a user is found by follow every change of the user.
import { DynamoDBServiceException } from "@aws-sdk/client-dynamodb";
import { beforeEach, describe, expect, it } from "vitest";
import {
  testDynamoDBClient,
  type UsersApiUnderTest,
  usersApiUnderTest,
} from "../../../../support/users-api-client";

let api: UsersApiUnderTest;
beforeEach(async () => {
  api = await usersApiUnderTest();
});

const create = (username: string, displayName?: string, email = `${username}@example.com`) =>
  api.request("POST", "/api/users", { body: { username, email, ...(displayName ? { displayName } : {}) } });
const search = (term: string, query = "") =>
  api.request("GET", `/api/users?search=${encodeURIComponent(term)}${query}`);
const found = async (term: string) =>
  (await search(term)).json.items.map((user: { username: string }) => user.username);
/** The terms of every item of the table that makes a user findable, sorted. */
const termsInTable = async () =>
  ((await api.tableContents()) as { pk: { S: string } }[])
    .map((item) => item.pk.S)
    .filter((key) => key.startsWith("TERM#"))
    .map((key) => key.slice(key.indexOf("#", "TERM#".length) + 1))
    .sort();

describe("GET /api/users?search= finds", () => {
  beforeEach(async () => {
    await create("ann.j", "Ann Johnson", "ann.johnson@example.com");
    await create("jjohn", "John Johnson");
    await create("zoe", "Zoë Saldaña", "zoe@example.org");
    await create("maria", "María García", "maria.garcia@example.com");
    await create("bob", "Robert Smith");
    await create("bruce.li", "李小龍", "li@example.cn");
    await create("ivan", "Иван Петров", "ivan@example.ru");
    await create("nikos", "Νίκος Παπαδόπουλος", "nikos@example.gr");
    await create("abc", "ＡＢＣ Ｃｏｒｐ");
    await create("nameless");
    api.dynamoDBCalls.length = 0;
  });

  it.each([
    ["the start of any word of the display name", "john", ["jjohn", "ann.j"]],
    ["the start of the name from a later word on", "ann jo", ["ann.j"]],
    ["a whole name, in any case", "ROBERT SMITH", ["bob"]],
    ["the start of a username", "nam", ["nameless"]],
    ["a username with its punctuation", "ann.", ["ann.j"]],
  ])("users by %s (%j)", async (_case, term, usernames) => {
    expect(await found(term)).toEqual(usernames);
  });

  it.each([
    ["an unaccented search", "zoe", ["zoe"]],
    ["an accented search", "ZOË", ["zoe"]],
    ["a later word without its accent", "saldana", ["zoe"]],
    ["the accented word typed with its accents", "garcía", ["maria"]],
  ])("accented names by %s (%j)", async (_case, term, usernames) => {
    expect(await found(term)).toEqual(usernames);
  });

  it.each([
    ["fullwidth letters, by plain ones", "abc c", ["abc"]],
    ["plain letters, by fullwidth ones", "ｊｏｈｎｓｏｎ", ["ann.j", "jjohn"]],
  ])("names written in %s", async (_case, term, usernames) => {
    expect(await found(term)).toEqual(usernames);
  });

  it.each([
    ["a Chinese name by its leading character", "李", ["bruce.li"]],
    ["a Chinese name by its given name", "小龍", ["bruce.li"]],
    ["a Cyrillic name in any case", "ПЕТ", ["ivan"]],
    ["a Greek name without its accents", "νικος", ["nikos"]],
    ["a Greek name in capitals, accented", "ΠΑΠΑΔΌ", ["nikos"]],
  ])("%s (%j)", async (_case, term, usernames) => {
    expect(await found(term)).toEqual(usernames);
  });

  it.each([
    ["the local part and the @", "bob@", ["bob"]],
    ["a domain", "example.cn", ["bruce.li"]],
    ["the start of a dotted address", "maria.g", ["maria"]],
    ["a whole address, in any case", "Ann.Johnson@Example.com", ["ann.j"]],
  ])("addresses by %s (%j)", async (_case, term, usernames) => {
    expect(await found(term)).toEqual(usernames);
  });

  it("nobody when nothing starts with the search, in one Query", async () => {
    expect((await search("xavier")).json).toEqual({ items: [], nextCursor: null });
    expect(api.dynamoDBCalls).toEqual(["QueryCommand"]);
  });

  it("each user once, though several of its terms match, in the order of the first term that does", async () => {
    // jjohn matches by "jjohn@example.com", "john johnson" and "johnson"; ann.j by "johnson".
    const response = await search("j");

    expect(response.json.items.map((user: { username: string }) => user.username)).toEqual([
      "jjohn",
      "ann.j",
    ]);
    expect(response.json.items[0]).toEqual({
      username: "jjohn",
      email: "jjohn@example.com",
      displayName: "John Johnson",
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
      version: 1,
    });
    expect(api.dynamoDBCalls).toEqual(["QueryCommand"]);
  });
});

describe("GET /api/users?search= pages", () => {
  const walk = async (term: string, limit: number) => {
    const pages: string[][] = [];
    let cursor: string | null = null;
    do {
      const response = await search(term, `&limit=${limit}${cursor ? `&cursor=${cursor}` : ""}`);
      expect(response.status).toBe(200);
      pages.push(response.json.items.map((user: { username: string }) => user.username));
      cursor = response.json.nextCursor;
    } while (cursor);
    return pages;
  };

  it("through a result larger than a page, in the order of what matched, one Query per page", async () => {
    for (const n of [5, 3, 7, 1, 6, 2, 4]) await create(`usr${8 - n}`, `Test User ${n}`);
    api.dynamoDBCalls.length = 0;

    const pages = await walk("test", 3);

    // "test user 1" (usr7) first, though usr7 comes last by username.
    expect(pages).toEqual([["usr7", "usr6", "usr5"], ["usr4", "usr3", "usr2"], ["usr1"]]);
    expect(api.dynamoDBCalls).toEqual(Array(3).fill("QueryCommand"));
  });

  it("each user once, though its terms that match fall on several pages", async () => {
    // Each matches "jo" by its name, its second word and its address: three entries, one result.
    for (const n of [1, 2, 3, 4, 5, 6, 7]) await create(`jo${n}`, `Jo Jones ${n}`);

    for (const limit of [1, 2, 3]) {
      const pages = await walk("jo", limit);

      expect(pages.flat()).toEqual(["jo1", "jo2", "jo3", "jo4", "jo5", "jo6", "jo7"]);
      expect(pages.slice(0, -1).every((page) => page.length === limit)).toBe(true);
    }
  });

  it("with a cursor that only its own search takes", async () => {
    for (const name of ["anna", "annie", "anton"]) await create(name);
    const ofSearch = (await search("ann", "&limit=1")).json.nextCursor;
    const ofList = (await api.request("GET", "/api/users?limit=1")).json.nextCursor;
    const outOfRange = Buffer.from(JSON.stringify(["ann", "anton", "anton"])).toString("base64url");

    const answers = [
      await search("an", `&cursor=${ofSearch}`),
      await search("ann", `&cursor=${ofList}`),
      await api.request("GET", `/api/users?cursor=${ofSearch}`),
      await search("ann", `&cursor=${outOfRange}`),
    ];

    for (const response of answers) {
      expect(response.status).toBe(400);
      expect(response.json.errors).toEqual([expect.objectContaining({ field: "cursor" })]);
    }
  });
});

describe("the terms a user is found by", () => {
  it("are written with the user: one item per distinct term, in the create's one transaction", async () => {
    await create("ann.j", "Ann Johnson", "ann.johnson@example.com");

    // Not "ann.j", which starts the address: whatever finds it finds the address.
    expect(await termsInTable()).toEqual([
      "ann johnson",
      "ann.johnson@example.com",
      "example.com",
      "johnson",
    ]);
    expect(await api.tableContents()).toHaveLength(6);
    expect(api.dynamoDBCalls).toEqual(["TransactWriteItemsCommand"]);
  });

  it("follow a new display name: the old words find nothing, the new ones the user", async () => {
    await create("ann.j", "Ann Johnson", "ann.johnson@example.com");
    api.dynamoDBCalls.length = 0;

    const renamed = await api.request("PATCH", "/api/users/ann.j", { body: { displayName: "Ann Smith" } });

    expect(renamed.status).toBe(200);
    expect(api.dynamoDBCalls).toEqual(["GetItemCommand", "TransactWriteItemsCommand"]);
    expect(await termsInTable()).toEqual(["ann smith", "ann.johnson@example.com", "example.com", "smith"]);
    expect(await found("johnson")).toEqual([]);
    expect(await found("smith")).toEqual(["ann.j"]);
    expect((await search("ann s")).json.items).toEqual([renamed.json]);
  });

  it("follow a removed display name and a new address", async () => {
    await create("ann.j", "Ann Johnson", "ann@old.example");

    await api.request("PATCH", "/api/users/ann.j", { body: { displayName: null, email: "aj@new.example" } });

    for (const gone of ["ann j", "johnson", "old.example"]) expect(await found(gone)).toEqual([]);
    for (const term of ["ann.j", "aj@", "new.example"]) expect(await found(term)).toEqual(["ann.j"]);
    expect(await termsInTable()).toEqual(["aj@new.example", "ann.j", "new.example"]);
  });

  it("are all deleted with the user: a delete leaves nothing behind", async () => {
    const before = await api.tableContents();
    await create("nikos", "Νίκος Παπαδόπουλος του Γεωργίου", "nikos@example.gr");
    await api.request("PATCH", "/api/users/nikos", { body: { displayName: "Νίκος Π." } });
    api.dynamoDBCalls.length = 0;

    const deleted = await api.request("DELETE", "/api/users/nikos");

    expect(deleted.status).toBe(204);
    expect(api.dynamoDBCalls).toEqual(["GetItemCommand", "TransactWriteItemsCommand"]);
    expect(await api.tableContents()).toEqual(before);
    expect(await found("νικος")).toEqual([]);
  });
});

describe("GET /api/users?search= refuses", () => {
  it.each([
    ["an empty search", "", /empty/],
    ["a search of spaces", "   ", /empty/],
    ["a search of invisible characters only", "\u200b\u200d", /empty/],
    ["a search of accents only", "\u0301", /empty/],
    ["a tab", "ann\tjohnson", /control characters/],
    ["a line break", "ann\n", /control characters/],
    ["a search longer than any address", "a".repeat(255), /at most 254 characters/],
  ])("%s with 400 next to the search field", async (_case, term, message) => {
    const response = await search(term);

    expect(response.status).toBe(400);
    expect(response.headers["content-type"]).toBe("application/problem+json");
    expect(response.json.errors).toEqual([{ field: "search", message: expect.stringMatching(message) }]);
  });

  it.each([
    ["prefix", "&prefix=al"],
    ["email", "&email=al@example.com"],
  ])("a search combined with %s", async (_case, query) => {
    const response = await search("al", query);

    expect(response.status).toBe(400);
    expect(response.json.errors).toContainEqual({
      field: "search",
      message: expect.stringMatching(/can't be combined/),
    });
  });

  it("a search given twice", async () => {
    const response = await api.request("GET", "/api/users?search=a&search=b");

    expect(response.status).toBe(400);
    expect(response.json.errors).toEqual([expect.objectContaining({ field: "search" })]);
  });
});

describe("GET /api/users?search= while DynamoDB builds the search index", () => {
  it("answers 503 with Retry-After, and the list still works", async () => {
    // DynamoDB Local builds an index at once; DynamoDB refuses queries of one still backfilling its items, as
    // after the deployment that adds it to a table with users (AWS::DynamoDB::Table, GlobalSecondaryIndexes).
    const client = testDynamoDBClient();
    client.middlewareStack.add(
      (next) => async (args) => {
        if ((args.input as { IndexName?: string }).IndexName === "UsersBySearchTerm") {
          throw new DynamoDBServiceException({
            name: "ValidationException",
            $fault: "client",
            $metadata: { httpStatusCode: 400 },
            message: "Cannot read from backfilling global secondary index: UsersBySearchTerm",
          });
        }
        return next(args);
      },
      { step: "initialize" },
    );
    const building = await usersApiUnderTest({ dynamoDBClient: client });

    const searched = await building.request("GET", "/api/users?search=ann");
    const listed = await building.request("GET", "/api/users");

    expect(searched.status).toBe(503);
    expect(searched.headers["retry-after"]).toMatch(/^\d+$/);
    expect(searched.json).toMatchObject({
      title: "Search not ready",
      detail: expect.stringMatching(/try again/),
    });
    expect(listed.status).toBe(200);
  });
});
