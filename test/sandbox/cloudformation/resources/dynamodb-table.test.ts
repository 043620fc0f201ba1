// A table resource becomes the table CreateTable makes of the same properties: the sandbox app's Users table
// with its key and index, and any table's billing, local indexes, stream and TTL.
import { DescribeTableCommand, DescribeTimeToLiveCommand } from "@aws-sdk/client-dynamodb";
import { describe, expect, inject, it } from "vitest";
import { readCloudAssembly } from "../../../../sandbox/cloudformation/cloud-assembly";
import { deploy } from "../../../../sandbox/cloudformation/deployment";
import { createTableInput, createTables } from "../../../../sandbox/cloudformation/resources/dynamodb-table";
import { testDynamoDBClient } from "../../../support/users-api-client";

describe("the sandbox app's table", () => {
  it("is created under its physical name with the key and index the template declares", async () => {
    // A deployment of its own, so that the table's generated name is this test's alone.
    const [table] = deploy(readCloudAssembly(inject("sandboxAssembly"))).resourcesOfType(
      "AWS::DynamoDB::Table",
    );
    const client = testDynamoDBClient();
    await createTables([table], client);
    const { Table } = await client.send(new DescribeTableCommand({ TableName: table.physicalId }));
    expect(Table?.KeySchema).toEqual([{ AttributeName: "pk", KeyType: "HASH" }]);
    expect(Table?.BillingModeSummary?.BillingMode).toBe("PAY_PER_REQUEST");
    expect(
      Table?.GlobalSecondaryIndexes?.map(({ IndexName, KeySchema, Projection }) => ({
        IndexName,
        KeySchema,
        Projection,
      })),
    ).toEqual([
      {
        IndexName: "UsersByUsername",
        KeySchema: [
          { AttributeName: "listPartition", KeyType: "HASH" },
          { AttributeName: "username", KeyType: "RANGE" },
        ],
        Projection: { ProjectionType: "ALL" },
      },
    ]);
  });
});

describe("a table's CreateTable input", () => {
  const keys = {
    AttributeDefinitions: [
      { AttributeName: "id", AttributeType: "S" },
      { AttributeName: "at", AttributeType: "N" },
    ],
    KeySchema: [{ AttributeName: "id", KeyType: "HASH" }],
  };

  it("is billed as provisioned when the template says nothing, as CloudFormation bills it", () => {
    const input = createTableInput(
      { ...keys, ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 } },
      "Provisioned",
    );
    expect(input).toMatchObject({
      TableName: "Provisioned",
      BillingMode: "PROVISIONED",
      ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 },
    });
  });

  it("carries local indexes and the stream, and TTL becomes its own call", async () => {
    const properties = {
      ...keys,
      KeySchema: [...keys.KeySchema, { AttributeName: "at", KeyType: "RANGE" }],
      BillingMode: "PAY_PER_REQUEST",
      LocalSecondaryIndexes: [
        {
          IndexName: "ByAt",
          KeySchema: [
            { AttributeName: "id", KeyType: "HASH" },
            { AttributeName: "at", KeyType: "RANGE" },
          ],
          Projection: { ProjectionType: "KEYS_ONLY" },
        },
      ],
      StreamSpecification: { StreamViewType: "NEW_IMAGE" },
      TimeToLiveSpecification: { AttributeName: "expiresAt", Enabled: true },
    };
    expect(createTableInput(properties, "T")).toMatchObject({
      LocalSecondaryIndexes: [{ IndexName: "ByAt" }],
      StreamSpecification: { StreamEnabled: true, StreamViewType: "NEW_IMAGE" },
    });
    const name = `Ttl-${crypto.randomUUID()}`;
    const client = testDynamoDBClient();
    await createTables(
      [
        {
          stackName: "S",
          logicalId: "T",
          type: "AWS::DynamoDB::Table",
          physicalId: name,
          properties,
          attribute: () => undefined,
        },
      ],
      client,
    );
    const { TimeToLiveDescription } = await client.send(new DescribeTimeToLiveCommand({ TableName: name }));
    expect(TimeToLiveDescription).toMatchObject({ AttributeName: "expiresAt", TimeToLiveStatus: "ENABLED" });
  });
});
