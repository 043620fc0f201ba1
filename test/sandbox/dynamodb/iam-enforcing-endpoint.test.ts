// The endpoint the functions call: every DynamoDB call is authorized against the caller's role, as DynamoDB does,
// whichever client makes it; allowed calls reach DynamoDB Local unchanged.
import { randomUUID } from "node:crypto";
import {
  CreateTableCommand,
  DynamoDBClient,
  GetItemCommand,
  ListTablesCommand,
  PutItemCommand,
  QueryCommand,
  TransactWriteItemsCommand,
} from "@aws-sdk/client-dynamodb";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { localDynamoDBClient } from "../../../sandbox/dynamodb/dynamodb-local";
import {
  type IamEnforcingEndpoint,
  startIamEnforcingEndpoint,
} from "../../../sandbox/dynamodb/iam-enforcing-endpoint";
import type { ExecutionRole, RoleCredentials } from "../../../sandbox/iam/execution-role";
import { roleSessions } from "../../../sandbox/iam/role-sessions";

const scope = { region: "us-east-1", accountId: "000000000000" };
const tableName = `Users-${randomUUID()}`;
const tableArn = `arn:aws:dynamodb:us-east-1:000000000000:table/${tableName}`;
/** Reads and writes items, but may not query the index (the grant a construct could forget). */
const role: ExecutionRole = {
  arn: "arn:aws:iam::000000000000:role/UsersApiFunctionRole",
  policies: [
    {
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Action: ["dynamodb:GetItem", "dynamodb:PutItem"], Resource: tableArn }],
    },
  ],
};

const sessions = roleSessions(scope.accountId);
let endpoint: IamEnforcingEndpoint;
let caller: DynamoDBClient;
const local = () => localDynamoDBClient(inject("dynamoDBEndpoint"));

beforeAll(async () => {
  await local().send(
    new CreateTableCommand({
      TableName: tableName,
      KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }],
      AttributeDefinitions: [
        { AttributeName: "pk", AttributeType: "S" },
        { AttributeName: "name", AttributeType: "S" },
      ],
      GlobalSecondaryIndexes: [
        {
          IndexName: "byName",
          KeySchema: [{ AttributeName: "name", KeyType: "HASH" }],
          Projection: { ProjectionType: "ALL" },
        },
      ],
      BillingMode: "PAY_PER_REQUEST",
    }),
  );
  endpoint = await startIamEnforcingEndpoint({
    target: inject("dynamoDBEndpoint"),
    scope,
    sessionOf: sessions.sessionOf,
  });
  caller = clientWith(sessions.credentialsFor(role, "UsersApi"));
});

afterAll(async () => {
  caller.destroy();
  await endpoint.stop();
});

function clientWith(credentials: RoleCredentials): DynamoDBClient {
  return new DynamoDBClient({
    endpoint: endpoint.endpoint,
    region: scope.region,
    credentials,
    maxAttempts: 1,
  });
}

describe("the IAM-enforcing DynamoDB endpoint", () => {
  it("passes an allowed call through to DynamoDB Local", async () => {
    await caller.send(
      new PutItemCommand({ TableName: tableName, Item: { pk: { S: "alice" }, name: { S: "Alice" } } }),
    );

    const { Item } = await caller.send(
      new GetItemCommand({ TableName: tableName, Key: { pk: { S: "alice" } } }),
    );

    expect(Item?.name).toEqual({ S: "Alice" });
  });

  it("denies a query of an index the role may not query, as DynamoDB words it", async () => {
    const query = caller.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: "byName",
        KeyConditionExpression: "#n = :n",
        ExpressionAttributeNames: { "#n": "name" },
        ExpressionAttributeValues: { ":n": { S: "Alice" } },
      }),
    );

    await expect(query).rejects.toMatchObject({
      name: "AccessDeniedException",
      $metadata: { httpStatusCode: 400 },
      message:
        "User: arn:aws:sts::000000000000:assumed-role/UsersApiFunctionRole/UsersApi is not authorized to perform: " +
        `dynamodb:Query on resource: ${tableArn}/index/byName because no identity-based policy allows the dynamodb:Query action`,
    });
  });

  it("denies a whole transaction when one item is not allowed, and writes none of it", async () => {
    const transaction = caller.send(
      new TransactWriteItemsCommand({
        TransactItems: [
          { Put: { TableName: tableName, Item: { pk: { S: "bob" } } } },
          { Delete: { TableName: tableName, Key: { pk: { S: "alice" } } } },
        ],
      }),
    );

    await expect(transaction).rejects.toMatchObject({
      name: "AccessDeniedException",
      message: expect.stringContaining(`dynamodb:DeleteItem on resource: ${tableArn} because`),
    });
    const { Item } = await local().send(
      new GetItemCommand({ TableName: tableName, Key: { pk: { S: "bob" } } }),
    );
    expect(Item).toBeUndefined();
  });

  it("denies an account-wide call the role was never given", async () => {
    await expect(caller.send(new ListTablesCommand({}))).rejects.toMatchObject({
      name: "AccessDeniedException",
      message: expect.stringContaining("dynamodb:ListTables on resource: *"),
    });
  });

  it("does not know credentials it never issued", async () => {
    const stranger = clientWith({
      accessKeyId: "ASIAUNKNOWN000000000",
      secretAccessKey: "x",
      sessionToken: "y",
    });

    await expect(
      stranger.send(new GetItemCommand({ TableName: tableName, Key: { pk: { S: "alice" } } })),
    ).rejects.toMatchObject({
      name: "UnrecognizedClientException",
      message: "The security token included in the request is invalid.",
    });
    stranger.destroy();
  });

  it("does not know an issued key presented with another session token", async () => {
    const issued = sessions.credentialsFor(role, "UsersApi");
    const impostor = clientWith({ ...issued, sessionToken: "another-token" });

    await expect(
      impostor.send(new GetItemCommand({ TableName: tableName, Key: { pk: { S: "alice" } } })),
    ).rejects.toMatchObject({ name: "UnrecognizedClientException" });
    impostor.destroy();
  });

  it("refuses a request signed with another secret than the one issued with its key", async () => {
    const issued = sessions.credentialsFor(role, "UsersApi");
    const forger = clientWith({ ...issued, secretAccessKey: "not-the-issued-secret" });

    await expect(
      forger.send(new GetItemCommand({ TableName: tableName, Key: { pk: { S: "alice" } } })),
    ).rejects.toMatchObject({
      name: "InvalidSignatureException",
    });
    forger.destroy();
  });
});
