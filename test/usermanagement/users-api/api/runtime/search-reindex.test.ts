// Reindexing for search: users written before search existed become findable, unchanged otherwise.
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { beforeEach, describe, expect, it } from "vitest";
import { reindexSearchTerms } from "../../../../../usermanagement/users-api/api/runtime/search-reindex";
import {
  testDynamoDBClient,
  type UsersApiUnderTest,
  usersApiUnderTest,
} from "../../../../support/users-api-client";
import { writeUserBeforeSearch } from "../../../../support/users-before-search";

let api: UsersApiUnderTest;
const client = DynamoDBDocumentClient.from(testDynamoDBClient());

const found = async (term: string) =>
  (await api.request("GET", `/api/users?search=${encodeURIComponent(term)}`)).json.items;

beforeEach(async () => {
  api = await usersApiUnderTest();
});

describe("reindexSearchTerms", () => {
  it("makes users written before search existed findable, their record and ETag unchanged", async () => {
    const old = await writeUserBeforeSearch(api.tableName, "zoe", "Zoë Saldaña");
    await api.request("POST", "/api/users", { body: { username: "new.user", email: "new@example.com" } });
    expect(await found("saldana")).toEqual([]);

    const report = await reindexSearchTerms(client, api.tableName);

    expect(report).toEqual({ users: 2, reindexed: 1 });
    expect(await found("saldana")).toEqual([old]);
    expect((await api.request("GET", "/api/users/zoe")).headers.etag).toBe('"3"');
  });

  it("changes nothing when run again", async () => {
    await writeUserBeforeSearch(api.tableName, "zoe", "Zoë Saldaña");
    await reindexSearchTerms(client, api.tableName);
    const before = await api.tableContents();

    expect(await reindexSearchTerms(client, api.tableName)).toEqual({ users: 1, reindexed: 0 });
    expect(await api.tableContents()).toEqual(before);
  });

  it("leaves a user written before search existed to its next change, which indexes it", async () => {
    await writeUserBeforeSearch(api.tableName, "ivan", "Иван Петров");

    await api.request("PATCH", "/api/users/ivan", { body: { displayName: "Иван Сидоров" } });

    expect(await found("сидоров")).toEqual([expect.objectContaining({ username: "ivan", version: 4 })]);
    expect(await found("петров")).toEqual([]);
  });
});
