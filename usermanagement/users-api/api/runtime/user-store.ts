// The Users table behind one small interface: with the search it delegates to, the only module that speaks
// DynamoDB. Every write keeps a user's email claim and search terms in the same transaction as the user.
import type { AttributeValue } from "@aws-sdk/client-dynamodb";
import { type DynamoDBDocumentClient, GetCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { emailClaimKey, USER_LIST_PARTITION, USERS_TABLE_SCHEMA, userKey } from "../../database/table-schema";
import { retryOnContention, TRY_AGAIN, transactNamed } from "./conditional-transaction";
import type { User } from "./contract";
import { searchTermsOf } from "./search-terms";
import type { CreateUserInput, UpdateUserInput } from "./user";
import { EmailTakenError, UserNotFoundError, UsernameTakenError, VersionMismatchError } from "./user-errors";
import { fromUserItem, termsOfItem, toUserItem } from "./user-item";
import { type SearchPage, type SearchQuery, searchUsers } from "./user-search";
import { claimEmail, releaseEmail, stillAsRead, termWrites } from "./user-writes";

const { partitionKey: PK, listIndex } = USERS_TABLE_SCHEMA;

export interface UserStoreProps {
  readonly client: DynamoDBDocumentClient;
  readonly tableName: string;
  /** @default the system clock */
  readonly clock?: () => Date;
}

/** A user as stored: the record, and the terms it is indexed under. */
interface StoredUser {
  readonly user: User;
  readonly terms: readonly string[];
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

  constructor(props: UserStoreProps) {
    this.#client = props.client;
    this.#table = props.tableName;
    this.#clock = props.clock ?? (() => new Date());
  }

  /**
   * Creates a user, claims its email and indexes its terms in one transaction: one round trip, no
   * read-then-write race.
   */
  async create(input: CreateUserInput): Promise<User> {
    const now = this.#clock().toISOString();
    const user: User = { ...input, createdAt: now, updatedAt: now, version: 1 };
    const terms = searchTermsOf(user);
    return retryOnContention(user.username, async () => {
      const result = await transactNamed(this.#client, {
        user: {
          Put: {
            TableName: this.#table,
            Item: toUserItem(user, terms),
            ConditionExpression: `attribute_not_exists(${PK})`,
          },
        },
        claim: claimEmail(this.#table, user.email, user.username),
        ...termWrites(this.#table, user, terms, []),
      });
      if (result.outcome === "contention") return TRY_AGAIN;
      if (result.outcome === "condition-failed") {
        throw result.failed.user ? new UsernameTakenError(user.username) : new EmailTakenError();
      }
      return user;
    });
  }

  async get(username: string): Promise<User> {
    return (await this.#read(username)).user;
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

  /** One page of the users a search finds (see user-search.ts). */
  search(query: SearchQuery): Promise<SearchPage> {
    return searchUsers(this.#client, this.#table, query);
  }

  /** The user who has `email` (in any case), if any: the claim names the owner, the owner's item has the rest. */
  async findByEmail(email: string): Promise<User | undefined> {
    const { Item: claim } = await this.#client.send(
      new GetCommand({ TableName: this.#table, Key: { [PK]: emailClaimKey(email) }, ConsistentRead: true }),
    );
    if (!claim) return undefined;
    const owner = await this.#find(String(claim.username));
    // The owner may have moved to another address or been deleted between the two reads.
    return owner && owner.user.email.toLowerCase() === email.toLowerCase() ? owner.user : undefined;
  }

  /**
   * Applies `changes`; with `expectedVersions` only if the user is still at one of those versions. A read (to
   * learn the terms, and the claim, to replace) and one transaction that puts the new record and terms, deletes
   * the terms it no longer has, moves the email claim if the address changes, and commits only if the user is
   * still the one read. A writer that got in between makes it start over from a fresh read, so concurrent
   * updates without a version all apply, identical ones included.
   */
  async update(
    username: string,
    changes: UpdateUserInput,
    expectedVersions?: readonly number[],
  ): Promise<User> {
    return retryOnContention(username, async () => {
      const current = await this.#readAt(username, expectedVersions);
      const user = this.#changed(current.user, changes);
      const terms = searchTermsOf(user);
      const newEmail = user.email;
      const movesEmail = newEmail.toLowerCase() !== current.user.email.toLowerCase();
      const result = await transactNamed(this.#client, {
        user: {
          Put: { TableName: this.#table, Item: toUserItem(user, terms), ...stillAsRead(current.user) },
        },
        ...(movesEmail
          ? {
              oldClaim: releaseEmail(this.#table, current.user.email, username),
              newClaim: claimEmail(this.#table, newEmail, username),
            }
          : {}),
        ...termWrites(this.#table, user, terms, current.terms),
      });
      if (result.outcome === "committed") return user;
      if (result.outcome === "condition-failed" && !result.failed.user && !result.failed.oldClaim) {
        // Only the new address was refused. Its owner is either another user, or this very user when an
        // identical request moved it first: then the next attempt finds the email already in place.
        const owner = await this.#claimOwner(newEmail, result.failed.newClaim?.oldItem);
        if (owner !== undefined && owner !== username) throw new EmailTakenError();
      }
      // The user changed (or the claim did, or the transaction met another): read again and retry.
      return TRY_AGAIN;
    });
  }

  /** Deletes a user, frees its email and removes its terms in one transaction, after the read that finds them. */
  async delete(username: string, expectedVersions?: readonly number[]): Promise<void> {
    await retryOnContention(username, async () => {
      const current = await this.#readAt(username, expectedVersions);
      const result = await transactNamed(this.#client, {
        user: {
          Delete: {
            TableName: this.#table,
            Key: { [PK]: userKey(username) },
            ...stillAsRead(current.user),
          },
        },
        claim: releaseEmail(this.#table, current.user.email, username),
        ...termWrites(this.#table, current.user, [], current.terms),
      });
      return result.outcome === "committed" ? undefined : TRY_AGAIN;
    });
  }

  /** The user, provided it is at one of `expectedVersions` (when given). */
  async #readAt(username: string, expectedVersions: readonly number[] | undefined): Promise<StoredUser> {
    const current = await this.#read(username);
    if (expectedVersions !== undefined && !expectedVersions.includes(current.user.version)) {
      throw new VersionMismatchError(username, current.user.version);
    }
    return current;
  }

  async #read(username: string): Promise<StoredUser> {
    const stored = await this.#find(username);
    if (!stored) throw new UserNotFoundError(username);
    return stored;
  }

  async #find(username: string): Promise<StoredUser | undefined> {
    const { Item } = await this.#client.send(
      new GetCommand({ TableName: this.#table, Key: { [PK]: userKey(username) }, ConsistentRead: true }),
    );
    return Item ? { user: fromUserItem(Item), terms: termsOfItem(Item) } : undefined;
  }

  /** `current` with `changes` applied: version + 1, a new `updatedAt`; `displayName: null` removes the name. */
  #changed(current: User, { email, displayName }: UpdateUserInput): User {
    const { displayName: currentName, ...rest } = current;
    const name = displayName === undefined ? currentName : (displayName ?? undefined);
    return {
      ...rest,
      email: email ?? current.email,
      ...(name === undefined ? {} : { displayName: name }),
      updatedAt: this.#clock().toISOString(),
      version: current.version + 1,
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
