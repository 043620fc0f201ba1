// `npm run reindex:search -- <Users table name>`: makes findable by the search box the users whose search terms
// are missing or out of date (written before search existed, or before its rules changed), with the AWS
// credentials and region of the environment, as `cdk deploy` takes them. Prints how many users it walked and how
// many it reindexed; safe to run again, and while the API serves.
import { parseArgs } from "node:util";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { reindexSearchTerms } from "../usermanagement/users-api/api/runtime/search-reindex";

const USAGE = "usage: npm run reindex:search -- <Users table name>";

const { positionals } = parseArgs({ allowPositionals: true });
if (positionals.length !== 1) {
  console.error(USAGE);
  process.exit(2);
}
const client = new DynamoDBClient({});
try {
  const { users, reindexed } = await reindexSearchTerms(
    DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } }),
    positionals[0],
  );
  console.log(`Reindexed ${reindexed} of ${users} users for search.`);
} finally {
  client.destroy();
}
