// The Users table's key design, defined once: the CDK construct, the local sandbox and the runtime all read it.

/**
 * Two kinds of item share the table, each in its own partition:
 * - a user, `pk = USER#<username>`, holding the record;
 * - an email claim, `pk = EMAIL#<lowercased email>`, holding the owner's username, so that a transaction can
 *   make an email unique across users (DynamoDB has no unique constraints besides the key).
 * User items also carry `listPartition` and `username`, the keys of the sparse index that lists users in
 * username order one page per query (and, with `begins_with` on `username`, one page of a prefix search);
 * email claims lack `listPartition` and so stay out of it. The items themselves are laid out by
 * `api/runtime/user-item.ts`.
 */
export const USERS_TABLE_SCHEMA = {
  partitionKey: "pk",
  listIndex: {
    name: "UsersByUsername",
    partitionKey: "listPartition",
    sortKey: "username",
  },
} as const;

/** The value of `listPartition` on every user item. */
export const USER_LIST_PARTITION = "USER";

export const userKey = (username: string) => `USER#${username}`;
export const emailClaimKey = (email: string) => `EMAIL#${email.toLowerCase()}`;

/** CreateTable input for DynamoDB Local, mirroring the CDK `Database` construct. */
export function createTableInput(tableName: string) {
  const { partitionKey, listIndex } = USERS_TABLE_SCHEMA;
  return {
    TableName: tableName,
    BillingMode: "PAY_PER_REQUEST" as const,
    AttributeDefinitions: [
      { AttributeName: partitionKey, AttributeType: "S" as const },
      { AttributeName: listIndex.partitionKey, AttributeType: "S" as const },
      { AttributeName: listIndex.sortKey, AttributeType: "S" as const },
    ],
    KeySchema: [{ AttributeName: partitionKey, KeyType: "HASH" as const }],
    GlobalSecondaryIndexes: [
      {
        IndexName: listIndex.name,
        KeySchema: [
          { AttributeName: listIndex.partitionKey, KeyType: "HASH" as const },
          { AttributeName: listIndex.sortKey, KeyType: "RANGE" as const },
        ],
        Projection: { ProjectionType: "ALL" as const },
      },
    ],
  };
}
