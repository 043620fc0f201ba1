// What concurrent clients rely on: no duplicate users, no lost updates, no spurious rejections, and a 409 that
// says when to retry for a write that keeps losing races.
import { beforeEach, describe, expect, it } from "vitest";
import { MAX_ATTEMPTS } from "../../../../../usermanagement/users-api/api/runtime/conditional-transaction";
import { CONCURRENT_UPDATE_RETRY_AFTER_SECONDS } from "../../../../../usermanagement/users-api/api/runtime/domain-problems";
import {
  testDynamoDBClient,
  type UsersApiUnderTest,
  usersApiUnderTest,
} from "../../../../support/users-api-client";

let api: UsersApiUnderTest;
beforeEach(async () => {
  api = await usersApiUnderTest();
});

const statuses = (responses: { status: number }[]) => responses.map((response) => response.status).sort();

describe("concurrent requests", () => {
  it("lets exactly one of 20 simultaneous creates of a username succeed", async () => {
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        api.request("POST", "/api/users", { body: { username: "alice", email: `alice${i}@example.com` } }),
      ),
    );

    expect(statuses(responses)).toEqual([201, ...Array(19).fill(409)]);
    // Only the winner's email is claimed: the 19 others are still free.
    const claims = (await api.tableContents()).filter((item) =>
      String((item as { pk: { S: string } }).pk.S).startsWith("EMAIL#"),
    );
    expect(claims).toHaveLength(1);
  });

  it("lets exactly one of 10 simultaneous creates with one email succeed", async () => {
    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        api.request("POST", "/api/users", { body: { username: `user${i}`, email: "shared@example.com" } }),
      ),
    );

    expect(statuses(responses)).toEqual([201, ...Array(9).fill(409)]);
  });

  it("applies exactly one of 10 simultaneous updates carrying the same If-Match", async () => {
    await api.request("POST", "/api/users", { body: { username: "alice", email: "alice@example.com" } });

    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        api.request("PATCH", "/api/users/alice", {
          body: { displayName: `Name ${i}` },
          headers: { "if-match": '"1"' },
        }),
      ),
    );

    expect(statuses(responses)).toEqual([200, ...Array(9).fill(412)]);
    expect((await api.request("GET", "/api/users/alice")).json.version).toBe(2);
  });

  it("applies every one of 10 simultaneous display-name updates without If-Match", async () => {
    await api.request("POST", "/api/users", { body: { username: "alice", email: "alice@example.com" } });

    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        api.request("PATCH", "/api/users/alice", { body: { displayName: `Name ${i}` } }),
      ),
    );

    expect(statuses(responses)).toEqual(Array(10).fill(200));
    // Each update saw a distinct version: none was lost or applied twice.
    expect(responses.map((response) => response.json.version).sort((a, b) => a - b)).toEqual([
      2, 3, 4, 5, 6, 7, 8, 9, 10, 11,
    ]);
  });

  it("applies every one of 6 simultaneous email moves without If-Match and leaves one claim", async () => {
    await api.request("POST", "/api/users", { body: { username: "alice", email: "alice@example.com" } });

    const responses = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        api.request("PATCH", "/api/users/alice", { body: { email: `alice${i}@example.com` } }),
      ),
    );

    expect(statuses(responses)).toEqual(Array(6).fill(200));
    const final = (await api.request("GET", "/api/users/alice")).json;
    expect(final.version).toBe(7);
    // Every address but the final one is free again.
    for (let i = 0; i < 6; i++) {
      const email = `alice${i}@example.com`;
      const created = await api.request("POST", "/api/users", { body: { username: `other${i}`, email } });
      expect(created.status).toBe(email === final.email ? 409 : 201);
    }
  });
});

const counts = (responses: { status: number }[]) =>
  Object.fromEntries(
    [...new Set(responses.map((r) => r.status))]
      .sort()
      .map((s) => [s, responses.filter((r) => r.status === s).length]),
  );

describe("contention", () => {
  it("answers 409 concurrent-update with Retry-After when another writer gets in before every attempt", async () => {
    // Prepare: a second writer that changes alice between this request's read and its transaction, every time.
    const client = testDynamoDBClient();
    const contended = await usersApiUnderTest({ dynamoDBClient: client });
    await contended.request("POST", "/api/users", {
      body: { username: "alice", email: "alice@example.com" },
    });
    let interleaved = 0;
    let rivalWriting = false;
    client.middlewareStack.add(
      (next, context) => async (args) => {
        // The rival's own transaction goes through untouched.
        if (context.commandName === "TransactWriteItemsCommand" && !rivalWriting) {
          interleaved++;
          rivalWriting = true;
          const rival = await contended
            .request("PATCH", "/api/users/alice", { body: { displayName: `Rival ${interleaved}` } })
            .finally(() => {
              rivalWriting = false;
            });
          expect(rival.status).toBe(200);
        }
        return next(args);
      },
      { step: "initialize", name: "rivalWriter" },
    );

    // Act: an email move, which reads the user and then writes user and claims in one transaction.
    const response = await contended.request("PATCH", "/api/users/alice", {
      body: { email: "moved@example.com" },
    });
    client.middlewareStack.remove("rivalWriter");

    // Assess: every attempt lost to the rival; the answer says so and when to retry; the move changed nothing.
    expect(interleaved).toBe(MAX_ATTEMPTS);
    expect(response.status).toBe(409);
    expect(response.headers["content-type"]).toBe("application/problem+json");
    expect(response.headers["retry-after"]).toBe(String(CONCURRENT_UPDATE_RETRY_AFTER_SECONDS));
    expect(response.json).toMatchObject({
      type: "tag:usermanagement,2026:concurrent-update",
      status: 409,
      detail: expect.stringContaining("nothing was changed"),
    });
    const alice = (await contended.request("GET", "/api/users/alice")).json;
    expect(alice).toMatchObject({
      email: "alice@example.com",
      displayName: `Rival ${MAX_ATTEMPTS}`,
      version: 1 + MAX_ATTEMPTS,
    });
    // The address it would have claimed is still free.
    const other = await contended.request("POST", "/api/users", {
      body: { username: "bob", email: "moved@example.com" },
    });
    expect(other.status).toBe(201);
  });

  it("answers 100 simultaneous email moves of one user with 200 or 409 concurrent-update, never a 5xx", async () => {
    await api.request("POST", "/api/users", { body: { username: "alice", email: "alice@example.com" } });

    const responses = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        api.request("PATCH", "/api/users/alice", { body: { email: `alice${i}@example.com` } }),
      ),
    );

    console.info("100 concurrent email moves:", counts(responses));
    for (const response of responses) {
      expect([200, 409]).toContain(response.status);
      if (response.status === 409) {
        expect(response.json.type).toMatch(/:concurrent-update$/);
        expect(response.headers["retry-after"]).toMatch(/^\d+$/);
      }
    }
    // Every move that answered 200 applied, and nothing else did: one version per success, one claim left.
    const final = (await api.request("GET", "/api/users/alice")).json;
    expect(final.version).toBe(1 + responses.filter((r) => r.status === 200).length);
    const claims = (await api.tableContents()).filter((item) =>
      String((item as { pk: { S: string } }).pk.S).startsWith("EMAIL#"),
    );
    expect(claims).toEqual([expect.objectContaining({ pk: { S: `EMAIL#${final.email}` } })]);
  }, 120_000);

  it("applies all of 3 identical simultaneous email moves, 30 times over", async () => {
    await api.request("POST", "/api/users", { body: { username: "alice", email: "alice@example.com" } });

    const all: { status: number }[] = [];
    for (let trial = 0; trial < 30; trial++) {
      const body = { email: `alice-${trial}@example.com` };
      all.push(
        ...(await Promise.all([1, 2, 3].map(() => api.request("PATCH", "/api/users/alice", { body })))),
      );
    }

    console.info("3 identical concurrent email moves × 30:", counts(all));
    expect(statuses(all)).toEqual(Array(90).fill(200));
    expect((await api.request("GET", "/api/users/alice")).json).toMatchObject({
      email: "alice-29@example.com",
      version: 91,
    });
  }, 120_000);
});
