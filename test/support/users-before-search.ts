// Users as the Users API wrote them before search existed, for the tests of what becomes of them.
import { DynamoDBDocumentClient, PutCommand } from "@aws-sdk/lib-dynamodb";
import type { User } from "../../usermanagement/users-api/api/runtime/contract";
import {
  emailClaimKey,
  USER_LIST_PARTITION,
  userKey,
} from "../../usermanagement/users-api/database/table-schema";
import { testDynamoDBClient } from "./users-api-client";

/** Writes a user item with its record and list keys, and its email claim, but no search terms. */
export async function writeUserBeforeSearch(
  tableName: string,
  username: string,
  displayName: string,
): Promise<User> {
  const user: User = {
    username,
    email: `${username}@example.com`,
    displayName,
    createdAt: "2025-06-01T00:00:00.000Z",
    updatedAt: "2025-06-01T00:00:00.000Z",
    version: 3,
  };
  const client = DynamoDBDocumentClient.from(testDynamoDBClient());
  await client.send(
    new PutCommand({
      TableName: tableName,
      Item: { ...user, pk: userKey(username), listPartition: USER_LIST_PARTITION },
    }),
  );
  await client.send(
    new PutCommand({ TableName: tableName, Item: { pk: emailClaimKey(user.email), username } }),
  );
  return user;
}
