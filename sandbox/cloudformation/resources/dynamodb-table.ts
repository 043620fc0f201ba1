// AWS::DynamoDB::Table, created as CloudFormation creates it: a CreateTable call with the template's keys,
// attribute definitions, indexes, billing and streams (the properties map one to one onto CreateTable's, see
// "AWS::DynamoDB::Table"), then UpdateTimeToLive for a TTL attribute. Point-in-time recovery, encryption,
// deletion protection, contributor insights and tags are not imitated: DynamoDB Local keeps data in memory.
import {
  CreateTableCommand,
  type CreateTableCommandInput,
  type DynamoDBClient,
  UpdateTimeToLiveCommand,
} from "@aws-sdk/client-dynamodb";
import { localDynamoDBClient } from "../../dynamodb/dynamodb-local";
import { type DeployedResource, resolved } from "../deployment";

type Index = {
  readonly IndexName: string;
  readonly KeySchema: CreateTableCommandInput["KeySchema"];
  readonly Projection: NonNullable<CreateTableCommandInput["GlobalSecondaryIndexes"]>[number]["Projection"];
  readonly ProvisionedThroughput?: CreateTableCommandInput["ProvisionedThroughput"];
};

/** The CreateTable input for a table resource's properties, under `tableName`. */
export function createTableInput(
  properties: Readonly<Record<string, unknown>>,
  tableName: string,
): CreateTableCommandInput {
  const table = properties as {
    AttributeDefinitions: CreateTableCommandInput["AttributeDefinitions"];
    KeySchema: CreateTableCommandInput["KeySchema"];
    BillingMode?: "PROVISIONED" | "PAY_PER_REQUEST";
    ProvisionedThroughput?: CreateTableCommandInput["ProvisionedThroughput"];
    GlobalSecondaryIndexes?: readonly Index[];
    LocalSecondaryIndexes?: readonly Omit<Index, "ProvisionedThroughput">[];
    StreamSpecification?: {
      StreamViewType: NonNullable<CreateTableCommandInput["StreamSpecification"]>["StreamViewType"];
    };
  };
  const index = ({ IndexName, KeySchema, Projection, ProvisionedThroughput }: Index) => ({
    IndexName,
    KeySchema,
    Projection,
    ProvisionedThroughput,
  });
  return {
    TableName: tableName,
    AttributeDefinitions: table.AttributeDefinitions,
    KeySchema: table.KeySchema,
    // CloudFormation's default, as CreateTable's.
    BillingMode: table.BillingMode ?? "PROVISIONED",
    ProvisionedThroughput: table.ProvisionedThroughput,
    GlobalSecondaryIndexes: table.GlobalSecondaryIndexes?.map(index),
    LocalSecondaryIndexes: table.LocalSecondaryIndexes?.map(index),
    StreamSpecification: table.StreamSpecification
      ? { StreamEnabled: true, StreamViewType: table.StreamSpecification.StreamViewType }
      : undefined,
  };
}

/** Creates every table of `tables` in the DynamoDB at `client`'s endpoint, under its physical name. */
export async function createTables(
  tables: readonly DeployedResource[],
  client: DynamoDBClient,
): Promise<void> {
  await Promise.all(
    tables.map(async (table) => {
      const properties = resolved(table);
      await client.send(new CreateTableCommand(createTableInput(properties, table.physicalId)));
      const ttl = properties.TimeToLiveSpecification as
        | { AttributeName?: string; Enabled: boolean }
        | undefined;
      if (ttl?.Enabled && ttl.AttributeName) {
        await client.send(
          new UpdateTimeToLiveCommand({
            TableName: table.physicalId,
            TimeToLiveSpecification: { AttributeName: ttl.AttributeName, Enabled: true },
          }),
        );
      }
    }),
  );
}

/** Creates `tables` in the DynamoDB Local at `endpoint`. */
export async function createTablesAt(endpoint: string, tables: readonly DeployedResource[]): Promise<void> {
  const client = localDynamoDBClient(endpoint);
  try {
    await createTables(tables, client);
  } finally {
    client.destroy();
  }
}
