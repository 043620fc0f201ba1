// The Users table's key design, defined once: the CDK construct and the runtime read it; the sandbox and the
// tests create the table from the synthesized template.

/**
 * Three kinds of item share the table, each under its own key:
 * - a user, `pk = USER#<username>`, holding the record and the search terms it is found by;
 * - an email claim, `pk = EMAIL#<lowercased email>`, holding the owner's username, so that a transaction can
 *   make an email unique across users (DynamoDB has no unique constraints besides the key);
 * - a search term, `pk = TERM#<username>#<term>`, one per distinct term of the user (see
 *   `api/runtime/search-terms.ts`), holding a copy of the user's record so that a search page is one Query.
 *
 * Two sparse indexes each take one kind of item, by the attributes only that kind carries:
 * - `UsersByUsername` (user items: `listPartition`, `username`) lists users in username order, one page per
 *   query, and with `begins_with` on `username` serves the username-prefix search;
 * - `UsersBySearchTerm` (term items: `termPartition`, `termKey`) serves the one-box search: the partition is the
 *   term's first character, so that searches spread over partitions, and the sort key is the term and then the
 *   username, so that `begins_with(termKey, <search>)` finds every term starting with the search, in one order.
 * The items themselves are laid out by `api/runtime/user-item.ts`.
 */
export const USERS_TABLE_SCHEMA = {
  partitionKey: "pk",
  listIndex: {
    name: "UsersByUsername",
    partitionKey: "listPartition",
    sortKey: "username",
  },
  searchIndex: {
    name: "UsersBySearchTerm",
    partitionKey: "termPartition",
    sortKey: "termKey",
  },
} as const;

/** The value of `listPartition` on every user item. */
export const USER_LIST_PARTITION = "USER";

export const userKey = (username: string) => `USER#${username}`;
export const emailClaimKey = (email: string) => `EMAIL#${email.toLowerCase()}`;
/** `#` is outside the username alphabet, so the first one after the prefix ends the username. */
export const termItemKey = (username: string, term: string) => `TERM#${username}#${term}`;

/**
 * Ends the term in a term item's sort key. U+0001 is below every character a term can hold (terms hold no control
 * characters), so a term sorts before its own extensions (`ann` before `ann johnson`) and a search, which holds no
 * control character either, can never reach into the username.
 */
export const TERM_END = "\u0001";
export const termSortKey = (term: string, username: string) => `${term}${TERM_END}${username}`;
/** The search index's partition of a term: its first character (a whole code point). */
export const termPartition = (term: string) => String.fromCodePoint(term.codePointAt(0) ?? 0);
