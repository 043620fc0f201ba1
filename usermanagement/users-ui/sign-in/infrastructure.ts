// Sign-in right after the first deploy: a custom resource that registers the UI's URL as a callback and sign-out
// URL of the SPA's app client, which lives in the Users API stack (the UI stack depends on it, never the reverse).
import * as path from "node:path";
import { CustomResource, Duration, Stack, Validations } from "aws-cdk-lib";
import type * as cognito from "aws-cdk-lib/aws-cognito";
import * as iam from "aws-cdk-lib/aws-iam";
import type * as lambda from "aws-cdk-lib/aws-lambda";
import * as cr from "aws-cdk-lib/custom-resources";
import { Construct } from "constructs";
import { lambdaFunction } from "../../shared/infrastructure/lambda-function";
import { logGroupFor, type Retention, SANDBOX_RETENTION } from "../../shared/infrastructure/retention";
import type { SignInUrlsProperties } from "./runtime/register-sign-in-urls";

export interface SignInUrlsProps {
  /** The operators' user pool (from the Users API stack). */
  readonly userPool: cognito.IUserPool;
  /** The SPA's app client in that pool. */
  readonly spaClient: cognito.IUserPoolClient;
  /**
   * A digest of the SPA client's CloudFormation properties (Identity.spaClientFingerprint). When the Users API
   * stack updates the client, CloudFormation replaces its callback and sign-out URLs with the template's, which
   * lack the UI's; the changed digest changes this custom resource's properties, so the UI stack's next deploy
   * (the next step of `cdk deploy --all` and of the pipeline) registers the URL again.
   */
  readonly spaClientFingerprint: string;
  /** The UI's URL, registered as both callback and sign-out URL, e.g. `https://d1234.cloudfront.net/`. */
  readonly url: string;
  /**
   * How long the functions' logs are kept, and whether they outlive the stack.
   * @default SANDBOX_RETENTION
   */
  readonly retention?: Retention;
}

export class SignInUrls extends Construct {
  constructor(scope: Construct, id: string, props: SignInUrlsProps) {
    super(scope, id);
    const retention = props.retention ?? SANDBOX_RETENTION;

    const register = lambdaFunction(this, {
      entry: path.join(import.meta.dirname, "runtime", "handler.ts"),
      roleDescription:
        "Adds the Users UI's URL to the SPA client's sign-in URLs; may change that pool's clients only",
      timeout: Duration.seconds(30),
      retention,
    });
    // The two calls the handler makes, on the one pool. IAM can't narrow these to one client of the pool.
    register.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ["cognito-idp:DescribeUserPoolClient", "cognito-idp:UpdateUserPoolClient"],
        resources: [props.userPool.userPoolArn],
      }),
    );

    // The provider framework answers CloudFormation (the pre-signed response URL, errors, timeouts) so that the
    // handler only does its work. Its own function gets a role that writes its own logs, not the managed policy.
    const frameworkLogs = logGroupFor(this, "ProviderLogs", retention);
    const frameworkRole = new iam.Role(this, "ProviderRole", {
      assumedBy: new iam.ServicePrincipal("lambda.amazonaws.com"),
      description: "Relays CloudFormation's sign-in URL requests to the handler and answers CloudFormation",
    });
    frameworkLogs.grantWrite(frameworkRole);
    const provider = new cr.Provider(this, "Provider", {
      onEventHandler: register,
      frameworkOnEventRole: frameworkRole,
      logGroup: frameworkLogs,
    });
    const handlerId = Stack.of(this).getLogicalId(register.node.defaultChild as lambda.CfnFunction);
    Validations.of(frameworkRole).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${handlerId}.Arn>:*]`,
      reason:
        "Function.grantInvoke's own grant: the provider framework may invoke any version of this one handler.",
    });

    const properties: SignInUrlsProperties = {
      UserPoolId: props.userPool.userPoolId,
      ClientId: props.spaClient.userPoolClientId,
      Urls: [props.url],
      ClientFingerprint: props.spaClientFingerprint,
    };
    new CustomResource(this, "Registration", {
      serviceToken: provider.serviceToken,
      resourceType: "Custom::SignInUrls",
      properties,
    });
  }
}
