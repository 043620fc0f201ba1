// How a user and its email claim are laid out as Users table items: the store writes and reads these, and the
// bench seeds tables with them, so the layout is stated here once.
import { emailClaimKey, USER_LIST_PARTITION, USERS_TABLE_SCHEMA, userKey } from "../../database/table-schema";
import type { User } from "./user";

const { partitionKey: PK, listIndex } = USERS_TABLE_SCHEMA;

/** A Users table item as the document client reads and writes it. */
export type TableItem = Record<string, unknown>;

/** The user's item: its record, its key, and the list index's partition (the sort key is `username` itself). */
export function toUserItem(user: User): TableItem {
  return { ...user, [PK]: userKey(user.username), [listIndex.partitionKey]: USER_LIST_PARTITION };
}

export function fromUserItem(item: TableItem): User {
  return {
    username: String(item.username),
    email: String(item.email),
    ...(item.displayName === undefined ? {} : { displayName: String(item.displayName) }),
    createdAt: String(item.createdAt),
    updatedAt: String(item.updatedAt),
    version: Number(item.version),
  };
}

/** The item that makes `email` (in any case) belong to `username` alone. */
export function emailClaimItem(email: string, username: string): TableItem {
  return { [PK]: emailClaimKey(email), username };
}
