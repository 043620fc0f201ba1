// Brings every user's search terms up to date: those of users written before search existed (they have none),
// and of users written under rules that have changed since (search-terms.ts). Run once after such a deployment
// (`npm run reindex:search`); until then those users are still listed and found by prefix or email.
import { type DynamoDBDocumentClient, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { USER_LIST_PARTITION, USERS_TABLE_SCHEMA } from "../../database/table-schema";
import { retryOnContention, TRY_AGAIN, transactNamed } from "./conditional-transaction";
import { searchTermsOf } from "./search-terms";
import { fromUserItem, type TableItem, termsOfItem, toUserItem } from "./user-item";
import { stillAsRead, termWrites } from "./user-writes";

const { listIndex } = USERS_TABLE_SCHEMA;

export interface ReindexReport {
  /** Users walked. */
  readonly users: number;
  /** Users whose terms were rewritten. */
  readonly reindexed: number;
}

/**
 * Walks the list index a page at a time and, for each user whose stored terms differ from what the rules make of
 * its record, rewrites the user item (record unchanged, version and ETag too) and its terms in one transaction,
 * under the condition that the user is still the one listed. A user changed meanwhile was indexed by that change.
 * Safe to run again, and beside the API.
 */
export async function reindexSearchTerms(
  client: DynamoDBDocumentClient,
  tableName: string,
): Promise<ReindexReport> {
  let users = 0;
  let reindexed = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await client.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: listIndex.name,
        KeyConditionExpression: "#lp = :lp",
        ExpressionAttributeNames: { "#lp": listIndex.partitionKey },
        ExpressionAttributeValues: { ":lp": USER_LIST_PARTITION },
        ExclusiveStartKey: start,
      }),
    );
    for (const item of page.Items ?? []) {
      users++;
      if (await reindexUser(client, tableName, item)) reindexed++;
    }
    start = page.LastEvaluatedKey;
  } while (start !== undefined);
  return { users, reindexed };
}

/** Rewrites one user's terms if they are out of date; whether it did. */
async function reindexUser(
  client: DynamoDBDocumentClient,
  tableName: string,
  item: TableItem,
): Promise<boolean> {
  const user = fromUserItem(item);
  const previous = termsOfItem(item);
  const terms = searchTermsOf(user);
  // Every user has terms (an address at least), so a user written before search existed is never up to date.
  if (previous.length === terms.length && previous.every((term, i) => term === terms[i])) return false;
  return retryOnContention(user.username, async () => {
    const result = await transactNamed(client, {
      user: { Put: { TableName: tableName, Item: toUserItem(user, terms), ...stillAsRead(user) } },
      ...termWrites(tableName, user, terms, previous),
    });
    if (result.outcome === "contention") return TRY_AGAIN;
    return result.outcome === "committed";
  });
}
