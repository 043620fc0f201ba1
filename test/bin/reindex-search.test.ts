// `npm run reindex:search`: reindexes the table it is given, with the credentials of the environment.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, inject, it } from "vitest";
import { LOCAL_AWS_SETTINGS } from "../../sandbox/dynamodb/dynamodb-local";
import { usersApiUnderTest } from "../support/users-api-client";
import { writeUserBeforeSearch } from "../support/users-before-search";

const run = (...args: string[]) =>
  promisify(execFile)("npm", ["run", "--silent", "reindex:search", "--", ...args], {
    env: { ...process.env, ...LOCAL_AWS_SETTINGS, AWS_ENDPOINT_URL_DYNAMODB: inject("dynamoDBEndpoint") },
  });

describe("npm run reindex:search", () => {
  it("makes the users of the table it is given findable, and says how many it reindexed", async () => {
    const api = await usersApiUnderTest();
    await writeUserBeforeSearch(api.tableName, "zoe", "Zoë Saldaña");
    await api.request("POST", "/api/users", { body: { username: "bob", email: "bob@example.com" } });

    const { stdout } = await run(api.tableName);

    expect(stdout).toBe("Reindexed 1 of 2 users for search.\n");
    const found = await api.request("GET", "/api/users?search=zoe");
    expect(found.json.items).toEqual([expect.objectContaining({ username: "zoe" })]);
  });

  it("refuses to run without a table name, saying how to call it", async () => {
    await expect(run()).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/usage: npm run reindex:search/),
    });
  });
});
