// The Users table behind one small interface: the only module that speaks DynamoDB.
import type { AttributeValue } from "@aws-sdk/client-dynamodb";
import { type DynamoDBDocumentClient, GetCommand, QueryCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { emailClaimKey, USER_LIST_PARTITION, USERS_TABLE_SCHEMA, userKey } from "../../database/table-schema";
import { isContention, retryOnContention, TRY_AGAIN, transactNamed } from "./conditional-transaction";
import type { CreateUserInput, UpdateUserInput, User } from "./user";
import { EmailTakenError, UserNotFoundError, UsernameTakenError, VersionMismatchError } from "./user-errors";
import { emailClaimItem, fromUserItem, type TableItem, toUserItem } from "./user-item";

const { partitionKey: PK, listIndex } = USERS_TABLE_SCHEMA;

export interface UserStoreProps {
  readonly client: DynamoDBDocumentClient;
  readonly tableName: string;
  /** @default the system clock */
  readonly clock?: () => Date;
  /** The source of the jitter between attempts that lost a race, numbers in [0, 1). @default Math.random */
  readonly backoffRandom?: () => number;
}

/** One page of a listing: `after` is the last username of the previous page; `prefix` narrows it. */
export interface ListQuery {
  readonly limit: number;
  readonly after?: string;
  readonly prefix?: string;
}

export class UserStore {
  readonly #client: DynamoDBDocumentClient;
  readonly #table: string;
  readonly #clock: () => Date;
  readonly #backoffRandom?: () => number;

  constructor(props: UserStoreProps) {
    this.#client = props.client;
    this.#table = props.tableName;
    this.#clock = props.clock ?? (() => new Date());
    this.#backoffRandom = props.backoffRandom;
  }

  /** Creates a user and claims its email in one transaction: one round trip, no read-then-write race. */
  async create(input: CreateUserInput): Promise<User> {
    const now = this.#clock().toISOString();
    const user: User = { ...input, createdAt: now, updatedAt: now, version: 1 };
    return this.#retryOnContention(user.username, async () => {
      const result = await transactNamed(this.#client, {
        user: {
          Put: {
            TableName: this.#table,
            Item: toUserItem(user),
            ConditionExpression: `attribute_not_exists(${PK})`,
          },
        },
        claim: this.#claimEmail(user.email, user.username),
      });
      if (result.outcome === "contention") return TRY_AGAIN;
      if (result.outcome === "condition-failed") {
        throw result.failed.user ? new UsernameTakenError(user.username) : new EmailTakenError();
      }
      return user;
    });
  }

  async get(username: string): Promise<User> {
    const user = await this.#find(username);
    if (!user) throw new UserNotFoundError(username);
    return user;
  }

  /** One page of users in username order, in one Query of the list index. */
  async list({ limit, after, prefix }: ListQuery): Promise<{ users: User[]; hasMore: boolean }> {
    const { Items = [] } = await this.#client.send(
      new QueryCommand({
        TableName: this.#table,
        IndexName: listIndex.name,
        KeyConditionExpression:
          prefix === undefined ? "#lp = :lp" : "#lp = :lp AND begins_with(#name, :prefix)",
        ExpressionAttributeNames: {
          "#lp": listIndex.partitionKey,
          ...(prefix === undefined ? {} : { "#name": listIndex.sortKey }),
        },
        ExpressionAttributeValues: {
          ":lp": USER_LIST_PARTITION,
          ...(prefix === undefined ? {} : { ":prefix": prefix }),
        },
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
    return { users: Items.slice(0, limit).map(fromUserItem), hasMore: Items.length > limit };
  }

  /** The user who has `email` (in any case), if any: the claim names the owner, the owner's item has the rest. */
  async findByEmail(email: string): Promise<User | undefined> {
    const { Item: claim } = await this.#client.send(
      new GetCommand({ TableName: this.#table, Key: { [PK]: emailClaimKey(email) }, ConsistentRead: true }),
    );
    if (!claim) return undefined;
    const user = await this.#find(String(claim.username));
    // The owner may have moved to another address or been deleted between the two reads.
    return user && user.email.toLowerCase() === email.toLowerCase() ? user : undefined;
  }

  /**
   * Applies `changes`; with `expectedVersions` only if the user is still at one of those versions.
   * Without an email change this is one conditional update. Moving the email claim takes a read (to learn the
   * claim to free) and one transaction that checks the version read; a writer that got in between makes it start
   * over from a fresh read, so concurrent updates without a version all apply, identical ones included.
   */
  async update(
    username: string,
    changes: UpdateUserInput,
    expectedVersions?: readonly number[],
  ): Promise<User> {
    const newEmail = changes.email;
    if (newEmail === undefined) {
      return this.#retryOnContention(username, () =>
        this.#updateInPlace(username, changes, expectedVersions),
      );
    }
    return this.#retryOnContention(username, async () => {
      const current = await this.#getAt(username, expectedVersions);
      if (current.email.toLowerCase() === newEmail.toLowerCase()) {
        // The claim stays; pin the version read so that a concurrent email move isn't overwritten.
        return this.#updateInPlace(username, changes, [current.version], { pinned: true });
      }
      const { user, update } = this.#changeExpression(username, changes, current);
      const result = await transactNamed(this.#client, {
        user: {
          Update: {
            ...update,
            ConditionExpression: `${update.ConditionExpression} AND #version = :read`,
            ExpressionAttributeValues: { ...update.ExpressionAttributeValues, ":read": current.version },
          },
        },
        oldClaim: this.#releaseEmail(current.email, username),
        newClaim: this.#claimEmail(newEmail, username),
      });
      if (result.outcome === "committed") return user;
      if (result.outcome === "condition-failed" && !result.failed.user && !result.failed.oldClaim) {
        // Only the new address was refused. Its owner is either another user, or this very user when an
        // identical request moved it first: then the next attempt finds the email already in place.
        const owner = await this.#claimOwner(newEmail, result.failed.newClaim?.oldItem);
        if (owner !== undefined && owner !== username) throw new EmailTakenError();
      }
      // The version moved (or the claim did, or the transaction met another): read again and retry.
      return TRY_AGAIN;
    });
  }

  /** Deletes a user and frees its email in one transaction, after the read that finds the email. */
  async delete(username: string, expectedVersions?: readonly number[]): Promise<void> {
    await this.#retryOnContention(username, async () => {
      const current = await this.#getAt(username, expectedVersions);
      const result = await transactNamed(this.#client, {
        user: {
          Delete: {
            TableName: this.#table,
            Key: { [PK]: userKey(username) },
            ConditionExpression: "#version = :read",
            ExpressionAttributeNames: { "#version": "version" },
            ExpressionAttributeValues: { ":read": current.version },
          },
        },
        claim: this.#releaseEmail(current.email, username),
      });
      return result.outcome === "committed" ? undefined : TRY_AGAIN;
    });
  }

  #retryOnContention<T>(username: string, attempt: () => Promise<T | typeof TRY_AGAIN>): Promise<T> {
    return retryOnContention(username, attempt, { random: this.#backoffRandom });
  }

  /** The user, provided it is at one of `expectedVersions` (when given). */
  async #getAt(username: string, expectedVersions: readonly number[] | undefined): Promise<User> {
    const current = await this.get(username);
    if (expectedVersions !== undefined && !expectedVersions.includes(current.version)) {
      throw new VersionMismatchError(username, current.version);
    }
    return current;
  }

  async #find(username: string): Promise<User | undefined> {
    const { Item } = await this.#client.send(
      new GetCommand({ TableName: this.#table, Key: { [PK]: userKey(username) }, ConsistentRead: true }),
    );
    return Item ? fromUserItem(Item) : undefined;
  }

  /**
   * One conditional UpdateItem. A failed condition is a missing user, or a version that moved: a precondition
   * failure when the client demanded the versions, another attempt when the store pinned the version it read.
   */
  async #updateInPlace(
    username: string,
    changes: UpdateUserInput,
    expectedVersions: readonly number[] | undefined,
    { pinned = false } = {},
  ): Promise<User | typeof TRY_AGAIN> {
    // `IN ()` is no expression: a precondition that matches no version only needs to know the user exists.
    if (expectedVersions?.length === 0) return this.#getAt(username, expectedVersions);
    const { update } = this.#changeExpression(username, changes);
    const operands = (expectedVersions ?? []).map(
      (version, index) => [`:expected${index}`, version] as const,
    );
    const versionCheck = operands.length
      ? ` AND #version IN (${operands.map(([name]) => name).join(", ")})`
      : "";
    try {
      const { Attributes } = await this.#client.send(
        new UpdateCommand({
          ...update,
          ConditionExpression: update.ConditionExpression + versionCheck,
          ExpressionAttributeValues: { ...update.ExpressionAttributeValues, ...Object.fromEntries(operands) },
          ReturnValues: "ALL_NEW",
          ReturnValuesOnConditionCheckFailure: "ALL_OLD",
        }),
      );
      return fromUserItem(Attributes as TableItem);
    } catch (error) {
      if (isContention(error)) return TRY_AGAIN;
      if ((error as Error).name !== "ConditionalCheckFailedException") throw error;
      // The SDK leaves the old item of a failed condition marshalled.
      const old = (error as { Item?: Record<string, AttributeValue> }).Item;
      if (!old) throw new UserNotFoundError(username);
      if (pinned) return TRY_AGAIN;
      throw new VersionMismatchError(username, Number(old.version?.N));
    }
  }

  /** The update of `changes` (version + 1, new `updatedAt`) and, given the current record, the user it yields. */
  #changeExpression(username: string, changes: UpdateUserInput, current?: User) {
    const updatedAt = this.#clock().toISOString();
    const set = ["updatedAt = :updatedAt", "#version = #version + :one"];
    const remove: string[] = [];
    const values: TableItem = { ":updatedAt": updatedAt, ":one": 1 };
    if (changes.email !== undefined) {
      set.push("email = :email");
      values[":email"] = changes.email;
    }
    if (changes.displayName === null) {
      remove.push("displayName");
    } else if (changes.displayName !== undefined) {
      set.push("displayName = :displayName");
      values[":displayName"] = changes.displayName;
    }
    const user = current && {
      ...current,
      email: changes.email ?? current.email,
      ...(changes.displayName === undefined ? {} : { displayName: changes.displayName ?? undefined }),
      updatedAt,
      version: current.version + 1,
    };
    return {
      user: user as User,
      update: {
        TableName: this.#table,
        Key: { [PK]: userKey(username) },
        UpdateExpression: `SET ${set.join(", ")}${remove.length ? ` REMOVE ${remove.join(", ")}` : ""}`,
        ConditionExpression: `attribute_exists(${PK})`,
        ExpressionAttributeNames: { "#version": "version" },
        ExpressionAttributeValues: values,
      },
    };
  }

  #claimEmail(email: string, username: string) {
    return {
      Put: {
        TableName: this.#table,
        Item: emailClaimItem(email, username),
        ConditionExpression: `attribute_not_exists(${PK})`,
        ReturnValuesOnConditionCheckFailure: "ALL_OLD" as const,
      },
    };
  }

  #releaseEmail(email: string, username: string) {
    return {
      Delete: {
        TableName: this.#table,
        Key: { [PK]: emailClaimKey(email) },
        ConditionExpression: "username = :owner",
        ExpressionAttributeValues: { ":owner": username },
      },
    };
  }

  /** Who holds the claim on `email`: from the item DynamoDB returned with the failed condition, else read. */
  async #claimOwner(
    email: string,
    claim: Record<string, AttributeValue> | undefined,
  ): Promise<string | undefined> {
    if (claim?.username?.S !== undefined) return claim.username.S;
    const { Item } = await this.#client.send(
      new GetCommand({ TableName: this.#table, Key: { [PK]: emailClaimKey(email) }, ConsistentRead: true }),
    );
    return Item ? String(Item.username) : undefined;
  }
}
