// The Users API component: its table, its API and their monitoring, deployed as one stack.
import { CfnOutput, Stack, type StackProps } from "aws-cdk-lib";
import type * as dynamodb from "aws-cdk-lib/aws-dynamodb";
import * as logs from "aws-cdk-lib/aws-logs";
import type { Construct } from "constructs";
import { API } from "./api/infrastructure";
import { Database } from "./database/infrastructure";
import { Monitoring } from "./monitoring/infrastructure";

export interface UsersAPIProps extends StackProps {
  /** Concurrent executions reserved for the API's function. */
  readonly apiLambdaReservedConcurrency: number;
  /** How the Users table is billed. */
  readonly databaseBillingMode: dynamodb.BillingMode;
  /**
   * Production posture: retain the table (with deletion protection) and the logs, and keep logs longer.
   * @default false - a sandbox: everything is deleted with the stack
   */
  readonly production?: boolean;
}

export class UsersAPI extends Stack {
  /** Base URL of the Users API (ends in `/`); the users are under `api/users`. */
  readonly apiEndpoint: string;
  /** The output holding `apiEndpoint`, for consumers outside CloudFormation (the pipeline's smoke test). */
  readonly apiEndpointOutput: CfnOutput;

  constructor(scope: Construct, id: string, props: UsersAPIProps) {
    super(scope, id, props);
    const production = props.production ?? false;

    const database = new Database(this, "Database", {
      billingMode: props.databaseBillingMode,
      retainData: production,
    });
    const api = new API(this, "API", {
      table: database.table,
      reservedConcurrency: props.apiLambdaReservedConcurrency,
      logRetention: production ? logs.RetentionDays.ONE_YEAR : logs.RetentionDays.ONE_WEEK,
      retainLogs: production,
    });
    const monitoring = new Monitoring(this, "Monitoring", {
      httpApi: api.httpApi,
      function: api.function,
      table: database.table,
    });

    this.apiEndpoint = api.url;
    this.apiEndpointOutput = new CfnOutput(this, "APIEndpoint", {
      value: api.url,
      description: "Base URL of the Users API",
    });
    new CfnOutput(this, "AlarmTopicArn", {
      value: monitoring.alarmTopic.topicArn,
      description: "SNS topic the Users API alarms notify",
    });
  }
}
