// The store's race handling, with the races staged deterministically against DynamoDB Local.
import { TransactionCanceledException } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { beforeEach, describe, expect, it } from "vitest";
import { MAX_ATTEMPTS } from "../../../../../usermanagement/users-api/api/runtime/conditional-transaction";
import {
  ConcurrentUpdateError,
  EmailTakenError,
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

let store: UserStore;
let stage: ReturnType<typeof stagedClient>["stage"];
beforeEach(async () => {
  const staged = stagedClient();
  stage = staged.stage;
  store = new UserStore({ client: staged.client, tableName: await createUsersTable() });
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
