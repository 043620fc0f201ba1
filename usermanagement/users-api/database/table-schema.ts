// The Users table's key design, defined once: the CDK construct and the runtime read it; the sandbox and the
// tests create the table from the synthesized template.

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
