// The CDK app: a developer's sandbox copy of the workload (`npx cdk deploy --all`), and the toolchain that
// delivers it to production (deployed on its own, see README).
import { App, Stage, Validations } from "aws-cdk-lib";
import * as dynamodb from "aws-cdk-lib/aws-dynamodb";
import { AwsSolutionsChecks } from "cdk-nag";
import { TOOLCHAIN_ENV } from "../constants";
import { Toolchain } from "../toolchain";
import { UserManagement } from "../usermanagement/workload";
import { sandboxNamespace } from "./sandbox-namespace";

const app = new App();
// Every synth, the pipeline's included, fails on an unacknowledged AWS Solutions finding.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));

// Env-agnostic unless the CLI knows the account: synth must work with no credentials and no network.
const account = process.env.CDK_DEFAULT_ACCOUNT;
const region = process.env.CDK_DEFAULT_REGION;

new UserManagement(app, {
  stackNamespace: sandboxNamespace(app.node.tryGetContext("sandbox")),
  // No reserved concurrency: a new account's limit (10) leaves no room for one; the stage throttles instead.
  databaseBillingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
  env: account && region ? { account, region } : undefined,
});

// In a Stage of its own, the toolchain is outside what `cdk deploy --all` selects (the top-level stacks), yet
// in every synth, so the pipeline can update itself. Deploy it with `npx cdk deploy Toolchain/UserManagementToolchain`.
new Toolchain(new Stage(app, "Toolchain"), "UserManagementToolchain", {
  stackName: "UserManagementToolchain",
  env: TOOLCHAIN_ENV,
});

app.synth();
