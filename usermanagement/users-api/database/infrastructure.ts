// The Users table: users, their email claims and their search terms (key design in table-schema.ts).
import { RemovalPolicy } from "aws-cdk-lib";
import * as dynamodb from "aws-cdk-lib/aws-dynamodb";
import { Construct } from "constructs";
import { USERS_TABLE_SCHEMA } from "./table-schema";

export interface DatabaseProps {
  /** How the table is billed. Production uses provisioned capacity with auto scaling. */
  readonly billingMode: dynamodb.BillingMode;
  /**
   * Bounds of the auto-scaled read and write capacity, each for the table and for each of its indexes.
   * Only used with `BillingMode.PROVISIONED`.
   * @default { min: 5, max: 100 }
   */
  readonly provisionedCapacity?: { readonly min: number; readonly max: number };
  /**
   * Keep the table and its data when the stack is deleted, and protect it from deletion.
   * @default false - a sandbox table is destroyed with its stack
   */
  readonly retainData?: boolean;
}

export class Database extends Construct {
  readonly table: dynamodb.Table;

  constructor(scope: Construct, id: string, props: DatabaseProps) {
    super(scope, id);
    const { partitionKey, listIndex, searchIndex } = USERS_TABLE_SCHEMA;
    const provisioned = props.billingMode === dynamodb.BillingMode.PROVISIONED;
    const capacity = props.provisionedCapacity ?? { min: 5, max: 100 };

    this.table = new dynamodb.Table(this, "Table", {
      partitionKey: { name: partitionKey, type: dynamodb.AttributeType.STRING },
      billingMode: props.billingMode,
      readCapacity: provisioned ? capacity.min : undefined,
      writeCapacity: provisioned ? capacity.min : undefined,
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: props.retainData ?? false,
      removalPolicy: props.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    // CloudFormation adds or removes one global secondary index per stack update, in place; adding two at once
    // fails the update (AWS::DynamoDB::Table, GlobalSecondaryIndexes). It doesn't wait for the new index's
    // backfill either: until the index is ACTIVE, a Query of it fails (the store answers 503 meanwhile).
    for (const index of [listIndex, searchIndex]) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: { name: index.partitionKey, type: dynamodb.AttributeType.STRING },
        sortKey: { name: index.sortKey, type: dynamodb.AttributeType.STRING },
        projectionType: dynamodb.ProjectionType.ALL,
        readCapacity: provisioned ? capacity.min : undefined,
        writeCapacity: provisioned ? capacity.min : undefined,
      });
    }

    if (provisioned) {
      const bounds = { minCapacity: capacity.min, maxCapacity: capacity.max };
      const target = { targetUtilizationPercent: 70 };
      this.table.autoScaleReadCapacity(bounds).scaleOnUtilization(target);
      this.table.autoScaleWriteCapacity(bounds).scaleOnUtilization(target);
      for (const { name } of [listIndex, searchIndex]) {
        this.table.autoScaleGlobalSecondaryIndexReadCapacity(name, bounds).scaleOnUtilization(target);
        this.table.autoScaleGlobalSecondaryIndexWriteCapacity(name, bounds).scaleOnUtilization(target);
      }
    }
  }
}
