// The CDK app: a sandbox copy of the workload, deployed with `npx cdk deploy --all`.
import { App } from "aws-cdk-lib";
import * as dynamodb from "aws-cdk-lib/aws-dynamodb";
import { APP_NAME } from "../constants";
import { UserManagement } from "../usermanagement/workload";

const app = new App();

// Env-agnostic unless the CLI knows the account: synth must work with no credentials and no network.
const account = process.env.CDK_DEFAULT_ACCOUNT;
const region = process.env.CDK_DEFAULT_REGION;

new UserManagement(app, {
  stackNamespace: `${APP_NAME}Sandbox`,
  apiLambdaReservedConcurrency: 1,
  databaseBillingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
  env: account && region ? { account, region } : undefined,
});

app.synth();
