// What concurrent writers leave in the search index: each user findable by exactly the terms of what it is now.
import { describe, expect, it } from "vitest";
import type { User } from "../../../../../usermanagement/users-api/api/runtime/contract";
import { searchTermsOf } from "../../../../../usermanagement/users-api/api/runtime/search-terms";
import { type UsersApiUnderTest, usersApiUnderTest } from "../../../../support/users-api-client";

/** The terms the table holds items for, by username. */
async function indexedTerms(api: UsersApiUnderTest): Promise<Record<string, string[]>> {
  const byUser: Record<string, string[]> = {};
  for (const item of (await api.tableContents()) as { pk: { S: string } }[]) {
    if (!item.pk.S.startsWith("TERM#")) continue;
    const [, username, ...term] = item.pk.S.split("#");
    byUser[username] = [...(byUser[username] ?? []), term.join("#")].sort();
  }
  return byUser;
}
const termsOf = (user: User) => searchTermsOf(user).sort();

describe("concurrent writes and the search index", () => {
  it("leaves the terms of the last of 10 simultaneous renames, every rename applied", async () => {
    const api = await usersApiUnderTest();
    await api.request("POST", "/api/users", { body: { username: "alice", email: "alice@example.com" } });

    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        api.request("PATCH", "/api/users/alice", { body: { displayName: `Name${i} Surname${i}` } }),
      ),
    );

    expect(responses.map((response) => response.status)).toEqual(Array(10).fill(200));
    const final = (await api.request("GET", "/api/users/alice")).json;
    expect(final.version).toBe(11);
    expect(await indexedTerms(api)).toEqual({ alice: termsOf(final) });
  }, 120_000);

  it("leaves nothing of a user renamed and deleted at the same time, 10 times over", async () => {
    const api = await usersApiUnderTest();
    const before = await api.tableContents();

    for (let trial = 0; trial < 10; trial++) {
      await api.request("POST", "/api/users", {
        body: { username: "bob", email: "bob@example.com", displayName: "Bob Before" },
      });
      const [renamed, deleted] = await Promise.all([
        api.request("PATCH", "/api/users/bob", { body: { displayName: `Bob After ${trial}` } }),
        api.request("DELETE", "/api/users/bob"),
      ]);

      expect([200, 404]).toContain(renamed.status);
      expect(deleted.status).toBe(204);
      expect(await api.tableContents()).toEqual(before);
    }
  }, 120_000);

  it("indexes only the winner of 10 simultaneous creates of one username", async () => {
    const api = await usersApiUnderTest();

    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        api.request("POST", "/api/users", {
          body: { username: "carol", email: `carol${i}@example.com`, displayName: `Carol Number${i}` },
        }),
      ),
    );

    const winner = responses.find((response) => response.status === 201)?.json;
    expect(responses.filter((response) => response.status === 409)).toHaveLength(9);
    expect(await indexedTerms(api)).toEqual({ carol: termsOf(winner) });
  }, 120_000);
});
