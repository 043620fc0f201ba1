// How a user, its email claim and its search terms are laid out as Users table items: the store writes and reads
// these, so the layout is stated here once (the keys themselves in database/table-schema.ts).
import {
  emailClaimKey,
  TERM_END,
  termItemKey,
  termPartition,
  termSortKey,
  USER_LIST_PARTITION,
  USERS_TABLE_SCHEMA,
  userKey,
} from "../../database/table-schema";
import type { User } from "./contract";

const { partitionKey: PK, listIndex, searchIndex } = USERS_TABLE_SCHEMA;

/** A Users table item as the document client reads and writes it. */
export type TableItem = Record<string, unknown>;

/**
 * The attribute of a user item listing the terms it was indexed under when written: a change deletes exactly
 * these, whatever the rules that made them, so nothing is left behind when the rules change.
 */
const SEARCH_TERMS = "searchTerms";

/** The user's item: its record, its terms, its key, and the list index's partition (sorted by `username`). */
export function toUserItem(user: User, terms: readonly string[]): TableItem {
  return {
    ...user,
    [SEARCH_TERMS]: terms,
    [PK]: userKey(user.username),
    [listIndex.partitionKey]: USER_LIST_PARTITION,
  };
}

/** The record of a user item, or of a term item (which carries a copy). */
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

/** The terms a user or term item was written with; none for a user written before search existed. */
export function termsOfItem(item: TableItem): string[] {
  const terms = item[SEARCH_TERMS];
  return Array.isArray(terms) ? terms.map(String) : [];
}

/**
 * The item that finds `user` by `term` in the search index, with a copy of the record and all of its terms, so
 * that a page of results is read from the index alone and a user matched by several terms is told apart.
 */
export function termItem(user: User, terms: readonly string[], term: string): TableItem {
  return {
    ...user,
    [SEARCH_TERMS]: terms,
    [PK]: termItemKey(user.username, term),
    [searchIndex.partitionKey]: termPartition(term),
    [searchIndex.sortKey]: termSortKey(term, user.username),
  };
}

/** The term of a term item (its sort key up to the separator). */
export function termOfItem(item: TableItem): string {
  const key = String(item[searchIndex.sortKey]);
  return key.slice(0, key.lastIndexOf(TERM_END));
}

/** The item that makes `email` (in any case) belong to `username` alone. */
export function emailClaimItem(email: string, username: string): TableItem {
  return { [PK]: emailClaimKey(email), username };
}
