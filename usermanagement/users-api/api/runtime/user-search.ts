// The one-box search as DynamoDB Queries of the search index: pages in the index's order, each user once.
import { type DynamoDBDocumentClient, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { termItemKey, termPartition, termSortKey, USERS_TABLE_SCHEMA } from "../../database/table-schema";
import type { User } from "./contract";
import type { SearchPosition } from "./search-cursor";
import { fromUserItem, type TableItem, termOfItem, termsOfItem } from "./user-item";

const { partitionKey: PK, searchIndex } = USERS_TABLE_SCHEMA;

/** One page of a search: `search` normalized, `after` where the previous page stopped. */
export interface SearchQuery {
  readonly search: string;
  readonly limit: number;
  readonly after?: SearchPosition;
}

export interface SearchPage {
  readonly users: User[];
  /** Where this page stopped, when another page has users. */
  readonly next?: SearchPosition;
}

/** The search index is still being built (the first deployment with it): searches fail until it is ACTIVE. */
export class SearchIndexNotReadyError extends Error {
  constructor() {
    super("Search is being set up for the existing users; try again in a minute.");
    this.name = "SearchIndexNotReadyError";
  }
}

/**
 * How many index entries a Query reads for each user a page still needs. A user matched by several of its terms
 * has an entry for each ("jo" finds "jo jones", "jones" and "jo@example.com"); reading three per user fills most
 * pages in one Query, at the price of reading entries that the next page reads again.
 */
const ENTRIES_PER_USER = 3;

/**
 * Users in the order of the term they are first matched by, then username. A user matched by several terms
 * (`john` in "John Johnson") has an index entry for each; only the first in index order counts, so each user is
 * on one page once. One Query usually fills a page and tells whether another follows (it looks for one user more
 * than the page holds); when skipped entries leave the page short, another Query reads on.
 */
export async function searchUsers(
  client: DynamoDBDocumentClient,
  tableName: string,
  { search, limit, after }: SearchQuery,
): Promise<SearchPage> {
  const found: { user: User; position: SearchPosition }[] = [];
  let start = after && indexKey(after);
  do {
    const { Items = [], LastEvaluatedKey } = await query(client, {
      TableName: tableName,
      IndexName: searchIndex.name,
      KeyConditionExpression: "#partition = :partition AND begins_with(#key, :search)",
      ExpressionAttributeNames: { "#partition": searchIndex.partitionKey, "#key": searchIndex.sortKey },
      ExpressionAttributeValues: { ":partition": termPartition(search), ":search": search },
      Limit: ENTRIES_PER_USER * (limit + 1 - found.length),
      ExclusiveStartKey: start,
    });
    for (const item of Items.filter((entry) => isFirstMatchOfItsUser(entry, search))) {
      if (found.length === limit)
        return { users: found.map(({ user }) => user), next: found.at(-1)?.position };
      found.push({
        user: fromUserItem(item),
        position: { term: termOfItem(item), username: String(item.username) },
      });
    }
    start = LastEvaluatedKey;
  } while (start !== undefined);
  return { users: found.map(({ user }) => user) };
}

/**
 * Whether a term item is the first of its user's entries that `search` finds: its term is, of the user's terms
 * starting with `search`, the first in the index's order. Each entry carries all of its user's terms, so this
 * needs no other read, and it holds across pages.
 */
function isFirstMatchOfItsUser(item: TableItem, search: string): boolean {
  const term = termOfItem(item);
  return termsOfItem(item)
    .filter((other) => other.startsWith(search))
    .every((other) => compareLikeDynamoDB(term, other) <= 0);
}

/** DynamoDB orders strings by their UTF-8 bytes (code points), not by UTF-16 code units as `<` does. */
function compareLikeDynamoDB(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));
}

/** The search index's key of the entry at `position`, for `ExclusiveStartKey`. */
function indexKey({ term, username }: SearchPosition): Record<string, string> {
  return {
    [PK]: termItemKey(username, term),
    [searchIndex.partitionKey]: termPartition(term),
    [searchIndex.sortKey]: termSortKey(term, username),
  };
}

async function query(client: DynamoDBDocumentClient, input: QueryCommand["input"]) {
  try {
    return await client.send(new QueryCommand(input));
  } catch (error) {
    // DynamoDB's answer to a Query of an index still backfilling (a ValidationException, by its message).
    const { name, message } = error as Error;
    if (name === "ValidationException" && /backfilling/i.test(message)) throw new SearchIndexNotReadyError();
    throw error;
  }
}
