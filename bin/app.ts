// The CDK app: a developer's sandbox copy of the workload (`npx cdk deploy --all`), and the toolchain that
// delivers it to production (deployed on its own, see README).
import { App, Stage, Validations } from "aws-cdk-lib";
import { AwsSolutionsChecks } from "cdk-nag";
import { TOOLCHAIN_ENV } from "../constants";
import { Toolchain } from "../toolchain";
import { sandboxWorkload } from "./sandbox-workload";

const app = new App();
// Every synth, the pipeline's included, fails on an unacknowledged AWS Solutions finding.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));

// Env-agnostic unless the CLI knows the account: synth must work with no credentials and no network.
const account = process.env.CDK_DEFAULT_ACCOUNT;
const region = process.env.CDK_DEFAULT_REGION;

sandboxWorkload(app, account && region ? { account, region } : undefined);

// In a Stage of its own, the toolchain is outside what `cdk deploy --all` selects (the top-level stacks), yet
// in every synth, so the pipeline can update itself. Deploy it with `npx cdk deploy Toolchain/UserManagementToolchain`.
new Toolchain(new Stage(app, "Toolchain"), "UserManagementToolchain", {
  stackName: "UserManagementToolchain",
  env: TOOLCHAIN_ENV,
});

app.synth();
