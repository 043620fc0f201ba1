// The Users API component: its table, its API, who may call it, and their monitoring, deployed as one stack.
import { CfnOutput, Stack, type StackProps } from "aws-cdk-lib";
import type * as dynamodb from "aws-cdk-lib/aws-dynamodb";
import type { Construct } from "constructs";
import { type Retention, SANDBOX_RETENTION } from "../shared/infrastructure/retention";
import { API } from "./api/infrastructure";
import { Database } from "./database/infrastructure";
import { Identity } from "./identity/infrastructure";
import type { StackOutputRef } from "./identity/sign-in-urls";
import { Monitoring } from "./monitoring/infrastructure";

export interface UsersAPIProps extends StackProps {
  /**
   * Concurrent executions reserved for the API's function, and its ceiling. Lambda refuses a reservation that
   * leaves the account fewer than 100 unreserved executions, so a new account (limit 10) can't have one.
   * @default - none reserved: the stage's throttling bounds the function
   */
  readonly usersApiReservedConcurrency?: number;
  /** How the Users table is billed. */
  readonly databaseBillingMode: dynamodb.BillingMode;
  /**
   * How long logs are kept, and whether the table, the user pool and the logs outlive the stack.
   * @default SANDBOX_RETENTION - everything is deleted with the stack
   */
  readonly retention?: Retention;
  /**
   * The role (account and name) of the pipeline's smoke test: the one principal that may read the machine
   * client's secret, through a role of this stack.
   * @default - no such role
   */
  readonly smokeTestRole?: { readonly account: string; readonly roleName: string };
  /**
   * The Users UI stack's output holding its URL, which this stack registers again on the SPA client right after
   * any change of the client (see Identity).
   * @default - the URL comes back only when the UI stack deploys again
   */
  readonly signInUrlFrom?: StackOutputRef;
}

export class UsersAPI extends Stack {
  /** Base URL of the Users API (ends in `/`); the users are under `api/users`. */
  readonly apiEndpoint: string;
  /** Changes whenever the HTTP API could be replaced (a new endpoint): see LambdaHttpApi.urlFingerprint. */
  readonly apiEndpointFingerprint: string;
  /** The operators' user pool, its clients and the token rules both APIs enforce. */
  readonly identity: Identity;
  /** Outputs for consumers outside CloudFormation (the pipeline's smoke test). */
  readonly apiEndpointOutput: CfnOutput;
  readonly alarmTopicArnOutput: CfnOutput;
  readonly userPoolIdOutput: CfnOutput;
  readonly machineClientIdOutput: CfnOutput;
  readonly tokenEndpointOutput: CfnOutput;
  readonly issuerOutput: CfnOutput;

  constructor(scope: Construct, id: string, props: UsersAPIProps) {
    super(scope, id, props);
    const retention = props.retention ?? SANDBOX_RETENTION;

    const database = new Database(this, "Database", {
      billingMode: props.databaseBillingMode,
      retainData: retention.retain,
    });
    this.identity = new Identity(this, "Identity", {
      retainUsers: retention.retain,
      secretReader: props.smokeTestRole,
      signInUrlFrom: props.signInUrlFrom,
      retention,
    });
    const api = new API(this, "API", {
      table: database.table,
      authorizer: this.identity.authorizerRules,
      reservedConcurrency: props.usersApiReservedConcurrency,
      retention,
    });
    const monitoring = new Monitoring(this, "Monitoring", {
      httpApi: api.httpApi,
      function: api.function,
      table: database.table,
      retainKey: retention.retain,
    });

    this.apiEndpoint = api.url;
    this.apiEndpointFingerprint = api.urlFingerprint;
    this.apiEndpointOutput = new CfnOutput(this, "APIEndpoint", {
      value: api.url,
      description: "Base URL of the Users API",
    });
    this.alarmTopicArnOutput = new CfnOutput(this, "AlarmTopicArn", {
      value: monitoring.alarmTopic.topicArn,
      description: "SNS topic the Users API alarms notify",
    });
    this.userPoolIdOutput = new CfnOutput(this, "UserPoolId", {
      value: this.identity.userPool.userPoolId,
      description: "The operators' Cognito user pool",
    });
    this.machineClientIdOutput = new CfnOutput(this, "MachineClientId", {
      value: this.identity.machineClient.userPoolClientId,
      description:
        "App client of scripts and the smoke test (client credentials; its secret stays in Cognito)",
    });
    this.tokenEndpointOutput = new CfnOutput(this, "TokenEndpoint", {
      value: this.identity.tokenEndpoint,
      description: "OAuth 2.0 token endpoint of the managed login",
    });
    this.issuerOutput = new CfnOutput(this, "Issuer", {
      value: this.identity.authorizerRules.issuer,
      description: "Issuer of the tokens both APIs accept",
    });
  }
}
