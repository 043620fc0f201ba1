// The store's race handling, with the races staged deterministically against DynamoDB Local.
import { ScanCommand, TransactionCanceledException } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { beforeEach, describe, expect, it } from "vitest";
import { MAX_ATTEMPTS } from "../../../../../usermanagement/users-api/api/runtime/conditional-transaction";
import type { User } from "../../../../../usermanagement/users-api/api/runtime/contract";
import { searchTermsOf } from "../../../../../usermanagement/users-api/api/runtime/search-terms";
import {
  ConcurrentUpdateError,
  EmailTakenError,
  UserNotFoundError,
} from "../../../../../usermanagement/users-api/api/runtime/user-errors";
import { UserStore } from "../../../../../usermanagement/users-api/api/runtime/user-store";
import { createUsersTable, testDynamoDBClient } from "../../../../support/users-api-client";

/** A DynamoDB Local client whose transactions can be made to wait for, or lose to, a rival. */
function stagedClient() {
  const client = testDynamoDBClient();
  const stage: {
    /** Runs to completion right before the next transaction is sent. */
    rival?: () => Promise<unknown>;
    /** Every transaction is cancelled as if the user's version had moved. */
    alwaysConflict: boolean;
    transactions: number;
  } = { alwaysConflict: false, transactions: 0 };
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName === "TransactWriteItemsCommand") {
        stage.transactions++;
        const rival = stage.rival;
        stage.rival = undefined;
        if (rival) await rival();
        if (stage.alwaysConflict) {
          throw new TransactionCanceledException({
            message: "Transaction cancelled, please refer cancellation reasons for specific reasons",
            $metadata: {},
            CancellationReasons: [{ Code: "ConditionalCheckFailed" }, { Code: "None" }, { Code: "None" }],
          });
        }
      }
      return next(args);
    },
    { step: "initialize" },
  );
  return {
    client: DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } }),
    stage,
  };
}

/** A clock a second further on at each reading, so that no two writes share a timestamp. */
function tickingClock() {
  let now = Date.parse("2026-01-01T00:00:00Z");
  return () => {
    now += 1000;
    return new Date(now);
  };
}

let store: UserStore;
let tableName: string;
let stage: ReturnType<typeof stagedClient>["stage"];
beforeEach(async () => {
  const staged = stagedClient();
  stage = staged.stage;
  tableName = await createUsersTable();
  store = new UserStore({ client: staged.client, tableName, clock: tickingClock() });
  await store.create({ username: "alice", email: "alice@example.com" });
  stage.transactions = 0;
});

describe("UserStore.update", () => {
  it("applies an email move that an identical move overtook, instead of reporting the email taken", async () => {
    // Prepare: the identical request commits between this one's read and its transaction.
    stage.rival = () => store.update("alice", { email: "new@example.com" });

    // Act
    const user = await store.update("alice", { email: "new@example.com" });

    // Assess: both applied, one after the other; the address is claimed once.
    expect(user).toMatchObject({ email: "new@example.com", version: 3 });
    expect(await store.findByEmail("NEW@example.com")).toMatchObject({ username: "alice", version: 3 });
    expect(await store.findByEmail("alice@example.com")).toBeUndefined();
  });

  it("still reports an email taken when another user holds it, even after losing a race", async () => {
    await store.create({ username: "bob", email: "bob@example.com" });
    stage.rival = () => store.update("alice", { displayName: "Alice" });

    await expect(store.update("alice", { email: "bob@example.com" })).rejects.toBeInstanceOf(EmailTakenError);
    expect(await store.get("alice")).toMatchObject({ email: "alice@example.com", version: 2 });
  });

  it("gives up with ConcurrentUpdateError after a bounded number of lost races, changing nothing", async () => {
    stage.alwaysConflict = true;

    await expect(store.update("alice", { email: "new@example.com" })).rejects.toBeInstanceOf(
      ConcurrentUpdateError,
    );
    expect(stage.transactions).toBe(MAX_ATTEMPTS);
    expect(await store.get("alice")).toMatchObject({ email: "alice@example.com", version: 1 });
    expect(await store.findByEmail("new@example.com")).toBeUndefined();
  });
});

describe("UserStore.delete", () => {
  it("gives up with ConcurrentUpdateError after a bounded number of lost races, deleting nothing", async () => {
    stage.alwaysConflict = true;

    await expect(store.delete("alice")).rejects.toBeInstanceOf(ConcurrentUpdateError);
    expect(stage.transactions).toBe(MAX_ATTEMPTS);
    expect(await store.findByEmail("alice@example.com")).toMatchObject({ username: "alice" });
  });
});

describe("the search terms of a user under races", () => {
  /** The terms the table holds items for, by username. */
  async function indexedTerms(): Promise<Record<string, string[]>> {
    const { Items = [] } = await testDynamoDBClient().send(new ScanCommand({ TableName: tableName }));
    const byUser: Record<string, string[]> = {};
    for (const pk of Items.map((item) => String(item.pk.S)).filter((key) => key.startsWith("TERM#"))) {
      const [, username, ...term] = pk.split("#");
      byUser[username] = [...(byUser[username] ?? []), term.join("#")].sort();
    }
    return byUser;
  }
  const termsOf = (user: User) => searchTermsOf(user).sort();

  it("are those of the last name when a rename overtakes another between its read and its write", async () => {
    // Prepare: "Alice Rival" commits after this rename read "alice" and before its transaction.
    stage.rival = () => store.update("alice", { displayName: "Alice Rival" });

    // Act
    const user = await store.update("alice", { displayName: "Alice Final" });

    // Assess: the rename read again and applied last; nothing of the rival's name is left in the index.
    expect(user).toMatchObject({ displayName: "Alice Final", version: 3 });
    expect(await indexedTerms()).toEqual({ alice: termsOf(user) });
  });

  it("are all gone when a delete overtakes a rename, which then finds no user", async () => {
    stage.rival = () => store.delete("alice");

    await expect(store.update("alice", { displayName: "Too Late" })).rejects.toBeInstanceOf(
      UserNotFoundError,
    );
    expect(await indexedTerms()).toEqual({});
  });

  it("are the new user's when the name is deleted and taken again between a rename's read and its write", async () => {
    // The new "alice" is at version 1 too: only its creation time tells it from the one the rename read.
    stage.rival = async () => {
      await store.delete("alice");
      await store.create({ username: "alice", email: "second.alice@example.com", displayName: "Second" });
    };

    const user = await store.update("alice", { displayName: "Renamed" });

    expect(user).toMatchObject({ email: "second.alice@example.com", displayName: "Renamed", version: 2 });
    expect(await store.findByEmail("alice@example.com")).toBeUndefined();
    expect(await indexedTerms()).toEqual({ alice: termsOf(user) });
  });
});
