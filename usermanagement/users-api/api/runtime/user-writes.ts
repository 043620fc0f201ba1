// The items of the transactions that write users, each defined once: the store and the search reindex build
// their transactions from these.
import { emailClaimKey, termItemKey, USERS_TABLE_SCHEMA } from "../../database/table-schema";
import type { User } from "./contract";
import { emailClaimItem, termItem } from "./user-item";

const { partitionKey: PK } = USERS_TABLE_SCHEMA;

/**
 * The condition that the user is still the one read: same version, and same creation time, so that a user
 * deleted and created again under the same name (version 1 again) is not taken for the one read.
 */
export function stillAsRead(user: User) {
  return {
    ConditionExpression: "#version = :read AND createdAt = :createdAt",
    ExpressionAttributeNames: { "#version": "version" },
    ExpressionAttributeValues: { ":read": user.version, ":createdAt": user.createdAt },
  };
}

/**
 * Puts a term item for each of `terms` (each carries the new record, so all are rewritten) and deletes those of
 * `previous` that are gone. Only transactions that also write the user item, under its condition, write terms.
 */
export function termWrites(table: string, user: User, terms: readonly string[], previous: readonly string[]) {
  const gone = previous.filter((term) => !terms.includes(term));
  return Object.fromEntries([
    ...terms.map((term, i) => [`term${i}`, { Put: { TableName: table, Item: termItem(user, terms, term) } }]),
    ...gone.map((term, i) => [
      `goneTerm${i}`,
      { Delete: { TableName: table, Key: { [PK]: termItemKey(user.username, term) } } },
    ]),
  ]);
}

/** Claims `email` for `username`, provided no one holds it; a refusal returns the claim (and so its owner). */
export function claimEmail(table: string, email: string, username: string) {
  return {
    Put: {
      TableName: table,
      Item: emailClaimItem(email, username),
      ConditionExpression: `attribute_not_exists(${PK})`,
      ReturnValuesOnConditionCheckFailure: "ALL_OLD" as const,
    },
  };
}

/** Frees `email`, provided `username` still holds it. */
export function releaseEmail(table: string, email: string, username: string) {
  return {
    Delete: {
      TableName: table,
      Key: { [PK]: emailClaimKey(email) },
      ConditionExpression: "username = :owner",
      ExpressionAttributeValues: { ":owner": username },
    },
  };
}
