// The sandbox workload, defined once: `cdk deploy --all` deploys it from bin/app.ts, and `npm start` synthesizes
// and runs it (sandbox/cloudformation/synthesis.ts), so what runs locally is what deploys.
import type { App, Environment } from "aws-cdk-lib";
import * as dynamodb from "aws-cdk-lib/aws-dynamodb";
import { UserManagement } from "../usermanagement/workload";
import { sandboxNamespace } from "./sandbox-namespace";

/**
 * Places a developer's copy of the workload in `app`, named after the app's `sandbox` context (`-c sandbox=alice`).
 * @param env where it deploys; `undefined` keeps the stacks environment-agnostic, as a synth without credentials
 */
export function sandboxWorkload(app: App, env?: Environment): UserManagement {
  return new UserManagement(app, {
    stackNamespace: sandboxNamespace(app.node.tryGetContext("sandbox")),
    // No reserved concurrency: a new account's limit (10) leaves no room for one; the stage throttles instead.
    databaseBillingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
    env,
  });
}
