// The Users table behind one small interface: the only module that speaks DynamoDB.
import type { AttributeValue, TransactionCanceledException } from "@aws-sdk/client-dynamodb";
import {
  type DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";
import { emailClaimKey, USER_LIST_PARTITION, USERS_TABLE_SCHEMA, userKey } from "../../database/table-schema";
import type { CreateUserInput, UpdateUserInput, User } from "./user";
import { EmailTakenError, UserNotFoundError, UsernameTakenError, VersionMismatchError } from "./user-errors";

const { partitionKey: PK, listIndex } = USERS_TABLE_SCHEMA;

/**
 * A write that collides with a concurrent one (a transaction conflict, or a version that moved between our read
 * and our write) is retried this often, with jittered backoff, before the request fails.
 */
const MAX_ATTEMPTS = 20;

export interface UserStoreProps {
  readonly client: DynamoDBDocumentClient;
  readonly tableName: string;
  /** @default the system clock */
  readonly clock?: () => Date;
}

type Item = Record<string, unknown>;

export class UserStore {
  readonly #client: DynamoDBDocumentClient;
  readonly #table: string;
  readonly #clock: () => Date;

  constructor(props: UserStoreProps) {
    this.#client = props.client;
    this.#table = props.tableName;
    this.#clock = props.clock ?? (() => new Date());
  }

  /** Creates a user and claims its email in one transaction: one round trip, no read-then-write race. */
  async create(input: CreateUserInput): Promise<User> {
    const now = this.#clock().toISOString();
    const user: User = { ...input, createdAt: now, updatedAt: now, version: 1 };
    await this.#transact(
      [
        {
          Put: {
            TableName: this.#table,
            Item: toItem(user),
            ConditionExpression: `attribute_not_exists(${PK})`,
          },
        },
        claimEmail(this.#table, user.email, user.username),
      ],
      (failed) => {
        throw failed[0] ? new UsernameTakenError(user.username) : new EmailTakenError();
      },
    );
    return user;
  }

  async get(username: string): Promise<User> {
    const { Item } = await this.#client.send(
      new GetCommand({ TableName: this.#table, Key: { [PK]: userKey(username) }, ConsistentRead: true }),
    );
    if (!Item) throw new UserNotFoundError(username);
    return fromItem(Item);
  }

  /** One page of users in username order; `after` is the last username of the previous page. */
  async list(limit: number, after?: string): Promise<{ users: User[]; hasMore: boolean }> {
    const { Items = [] } = await this.#client.send(
      new QueryCommand({
        TableName: this.#table,
        IndexName: listIndex.name,
        KeyConditionExpression: "#lp = :lp",
        ExpressionAttributeNames: { "#lp": listIndex.partitionKey },
        ExpressionAttributeValues: { ":lp": USER_LIST_PARTITION },
        // One more than asked tells whether another page exists without an empty last page.
        Limit: limit + 1,
        ExclusiveStartKey: after
          ? {
              [PK]: userKey(after),
              [listIndex.partitionKey]: USER_LIST_PARTITION,
              [listIndex.sortKey]: after,
            }
          : undefined,
      }),
    );
    return { users: Items.slice(0, limit).map(fromItem), hasMore: Items.length > limit };
  }

  /**
   * Applies `changes`; with `expectedVersion` only if the user is still at that version.
   * Without an email change this is one conditional update. Moving the email claim takes a read (to learn the
   * claim to free) and one transaction; if another writer got in between, it is retried, so concurrent updates
   * without a version all apply.
   */
  async update(username: string, changes: UpdateUserInput, expectedVersion?: number): Promise<User> {
    if (changes.email === undefined) return this.#updateInPlace(username, changes, expectedVersion);
    for (let attempt = 1; ; attempt++) {
      const current = await this.get(username);
      if (expectedVersion !== undefined && current.version !== expectedVersion) {
        throw new VersionMismatchError(username, current.version);
      }
      if (current.email.toLowerCase() === changes.email.toLowerCase()) {
        // Same claim, different spelling: pin the version read so a concurrent email move isn't overwritten.
        return this.#updateInPlace(username, changes, current.version, expectedVersion === undefined);
      }
      const { item, update } = this.#changeExpression(changes);
      const done = await this.#transact(
        [
          {
            Update: {
              TableName: this.#table,
              Key: { [PK]: userKey(username) },
              ...update,
              ConditionExpression: `${update.ConditionExpression} AND #version = :expected`,
              ExpressionAttributeValues: {
                ...update.ExpressionAttributeValues,
                ":expected": current.version,
              },
            },
          },
          {
            Delete: {
              TableName: this.#table,
              Key: { [PK]: emailClaimKey(current.email) },
              ConditionExpression: "username = :username",
              ExpressionAttributeValues: { ":username": username },
            },
          },
          claimEmail(this.#table, changes.email, username),
        ],
        (failed) => {
          if (failed[2]) throw new EmailTakenError();
          return "stale";
        },
        attempt,
      );
      if (done !== "stale") return { ...current, ...item, version: current.version + 1 } as User;
      await backoff(attempt);
    }
  }

  /** Deletes a user and frees its email in one transaction, after the read that finds the email. */
  async delete(username: string, expectedVersion?: number): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const current = await this.get(username);
      if (expectedVersion !== undefined && current.version !== expectedVersion) {
        throw new VersionMismatchError(username, current.version);
      }
      const done = await this.#transact(
        [
          {
            Delete: {
              TableName: this.#table,
              Key: { [PK]: userKey(username) },
              ConditionExpression: "#version = :expected",
              ExpressionAttributeNames: { "#version": "version" },
              ExpressionAttributeValues: { ":expected": current.version },
            },
          },
          {
            Delete: {
              TableName: this.#table,
              Key: { [PK]: emailClaimKey(current.email) },
              ConditionExpression: "username = :username",
              ExpressionAttributeValues: { ":username": username },
            },
          },
        ],
        () => "stale",
        attempt,
      );
      if (done !== "stale") return;
      await backoff(attempt);
    }
  }

  async #updateInPlace(
    username: string,
    changes: UpdateUserInput,
    expectedVersion: number | undefined,
    retryWhenStale = false,
  ): Promise<User> {
    const { update } = this.#changeExpression(changes);
    const versionCheck = expectedVersion === undefined ? "" : " AND #version = :expected";
    try {
      const { Attributes } = await this.#client.send(
        new UpdateCommand({
          TableName: this.#table,
          Key: { [PK]: userKey(username) },
          ...update,
          ConditionExpression: update.ConditionExpression + versionCheck,
          ExpressionAttributeValues: {
            ...update.ExpressionAttributeValues,
            ...(expectedVersion === undefined ? {} : { ":expected": expectedVersion }),
          },
          ReturnValues: "ALL_NEW",
          ReturnValuesOnConditionCheckFailure: "ALL_OLD",
        }),
      );
      return fromItem(Attributes as Item);
    } catch (error) {
      if ((error as Error).name !== "ConditionalCheckFailedException") throw error;
      // The SDK leaves the old item of a failed condition marshalled.
      const old = (error as { Item?: Record<string, AttributeValue> }).Item;
      if (!old) throw new UserNotFoundError(username);
      if (retryWhenStale) return this.update(username, changes);
      throw new VersionMismatchError(username, Number(old.version?.N));
    }
  }

  /** The update expression shared by in-place updates and email moves. */
  #changeExpression(changes: UpdateUserInput) {
    const item: { updatedAt: string; email?: string; displayName?: string } = {
      updatedAt: this.#clock().toISOString(),
    };
    const set = ["updatedAt = :updatedAt", "#version = #version + :one"];
    const remove: string[] = [];
    const values: Item = { ":updatedAt": item.updatedAt, ":one": 1 };
    if (changes.email !== undefined) {
      set.push("email = :email");
      values[":email"] = changes.email;
      item.email = changes.email;
    }
    if (changes.displayName === null) {
      remove.push("displayName");
    } else if (changes.displayName !== undefined) {
      set.push("displayName = :displayName");
      values[":displayName"] = changes.displayName;
      item.displayName = changes.displayName;
    }
    return {
      item: changes.displayName === null ? { ...item, displayName: undefined } : item,
      update: {
        UpdateExpression: `SET ${set.join(", ")}${remove.length ? ` REMOVE ${remove.join(", ")}` : ""}`,
        ConditionExpression: `attribute_exists(${PK})`,
        ExpressionAttributeNames: { "#version": "version" },
        ExpressionAttributeValues: values,
      },
    };
  }

  /**
   * Runs a transaction. When a condition fails, `onConditionFailed` gets one flag per item (true = that
   * item's condition failed) and either throws a domain error or returns "stale" to let the caller re-read.
   * Collisions with concurrent transactions are retried with jittered backoff.
   */
  async #transact(
    items: NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]["TransactItems"]>,
    onConditionFailed: (failed: boolean[]) => "stale",
    attempt = 1,
  ): Promise<"done" | "stale"> {
    for (let tries = attempt; ; tries++) {
      try {
        await this.#client.send(new TransactWriteCommand({ TransactItems: items }));
        return "done";
      } catch (error) {
        if ((error as Error).name !== "TransactionCanceledException") throw error;
        const reasons = (error as TransactionCanceledException).CancellationReasons ?? [];
        const codes = reasons.map((reason) => reason.Code);
        if (codes.includes("ConditionalCheckFailed")) {
          const outcome = onConditionFailed(codes.map((code) => code === "ConditionalCheckFailed"));
          if (tries >= MAX_ATTEMPTS) throw error;
          return outcome;
        }
        if (tries >= MAX_ATTEMPTS) throw error;
        await backoff(tries);
      }
    }
  }
}

function claimEmail(table: string, email: string, username: string) {
  return {
    Put: {
      TableName: table,
      Item: { [PK]: emailClaimKey(email), username },
      ConditionExpression: `attribute_not_exists(${PK})`,
    },
  };
}

function toItem(user: User): Item {
  return {
    ...user,
    [PK]: userKey(user.username),
    [listIndex.partitionKey]: USER_LIST_PARTITION,
  };
}

function fromItem(item: Item): User {
  return {
    username: String(item.username),
    email: String(item.email),
    ...(item.displayName === undefined ? {} : { displayName: String(item.displayName) }),
    createdAt: String(item.createdAt),
    updatedAt: String(item.updatedAt),
    version: Number(item.version),
  };
}

function backoff(attempt: number): Promise<void> {
  const ceiling = Math.min(200, 10 * 2 ** attempt);
  return new Promise((resolve) => setTimeout(resolve, Math.random() * ceiling));
}
