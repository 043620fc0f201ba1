// A table resource becomes the table CreateTable makes of the same properties: the sandbox app's Users table
// with its key and index, and any table's billing, local indexes, stream and TTL.
import { DescribeTableCommand, DescribeTimeToLiveCommand } from "@aws-sdk/client-dynamodb";
import { describe, expect, inject, it } from "vitest";
import { readCloudAssembly } from "../../../../sandbox/cloudformation/cloud-assembly";
import { deploy, resolved } from "../../../../sandbox/cloudformation/deployment";
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
    const declared = resolved(table) as {
      KeySchema: unknown[];
      GlobalSecondaryIndexes: { IndexName: string; KeySchema: unknown[]; Projection: unknown }[];
    };
    expect(Table?.KeySchema).toEqual(declared.KeySchema);
    expect(Table?.BillingModeSummary?.BillingMode).toBe("PAY_PER_REQUEST");
    const indexes = (Table?.GlobalSecondaryIndexes ?? []).map(({ IndexName, KeySchema, Projection }) => ({
      IndexName,
      KeySchema,
      Projection,
    }));
    expect(indexes.sort((a, b) => String(a.IndexName).localeCompare(String(b.IndexName)))).toEqual(
      declared.GlobalSecondaryIndexes.map(({ IndexName, KeySchema, Projection }) => ({
        IndexName,
        KeySchema,
        Projection,
      })).sort((a, b) => a.IndexName.localeCompare(b.IndexName)),
    );
    expect(indexes.map(({ IndexName }) => IndexName)).toContain("UsersByUsername");
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
