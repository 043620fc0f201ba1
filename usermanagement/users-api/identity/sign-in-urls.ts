// Sign-in right after the first deploy, and after every change of the SPA's app client: a custom resource that
// adds the UI's URL to the client's callback and sign-out URLs. The client lives in the Users API stack, which
// can't know the UI's URL (the UI stack depends on it, never the reverse), so the URL is registered twice over:
// by the UI stack, which names it; and by the Users API stack itself, right after CloudFormation has rewritten the
// client from its template (which knows only a placeholder), reading the URL from the UI stack's output.
import * as path from "node:path";
import { CustomResource, Duration, Stack, Token, Validations } from "aws-cdk-lib";
import type * as cognito from "aws-cdk-lib/aws-cognito";
import * as iam from "aws-cdk-lib/aws-iam";
import type * as lambda from "aws-cdk-lib/aws-lambda";
import * as cr from "aws-cdk-lib/custom-resources";
import { Construct } from "constructs";
import { lambdaFunction } from "../../shared/infrastructure/lambda-function";
import { logGroupFor, type Retention, SANDBOX_RETENTION } from "../../shared/infrastructure/retention";
import type { SignInUrlsProperties } from "./runtime/register-sign-in-urls";

/** A stack output holding a URL, e.g. the Users UI stack's `UIURL`. */
export interface StackOutputRef {
  readonly stackName: string;
  readonly outputName: string;
}

export interface SignInUrlsProps {
  /** The operators' user pool. */
  readonly userPool: cognito.IUserPool;
  /** The SPA's app client in that pool. */
  readonly spaClient: cognito.IUserPoolClient;
  /**
   * A digest that changes whenever CloudFormation may rewrite the client or replace it (Identity.signInFingerprint).
   * It is one of the custom resource's properties, so every such change is followed by an Update, which adds the
   * URL again.
   */
  readonly clientFingerprint: string;
  /**
   * The URL to register: given (the UI stack registers its own `https://d1234.cloudfront.net/`, and removes it
   * when it goes), or read at deploy time from a stack's output (the Users API stack restores the UI's after
   * rewriting the client; nothing is added while that stack or output doesn't exist, nothing is ever removed).
   */
  readonly url: { readonly value: string } | { readonly fromStackOutput: StackOutputRef };
  /**
   * How long the functions' logs are kept, and whether they outlive the stack.
   * @default SANDBOX_RETENTION
   */
  readonly retention?: Retention;
}

export class SignInUrls extends Construct {
  /** The custom resource, for a test or a dependency to name. */
  readonly registration: CustomResource;

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
    if ("fromStackOutput" in props.url) grantStackRead(register, props.url.fromStackOutput.stackName);
    const provider = registrationProvider(this, register, retention);

    const properties: SignInUrlsProperties = {
      UserPoolId: props.userPool.userPoolId,
      ClientId: props.spaClient.userPoolClientId,
      ...("value" in props.url
        ? { Urls: [props.url.value] }
        : {
            UrlFromStackOutput: {
              StackName: props.url.fromStackOutput.stackName,
              OutputName: props.url.fromStackOutput.outputName,
            },
          }),
      ClientFingerprint: props.clientFingerprint,
    };
    this.registration = new CustomResource(this, "Registration", {
      serviceToken: provider.serviceToken,
      resourceType: "Custom::SignInUrls",
      properties,
    });
  }
}

/** Lets `fn` read one stack's outputs, by name. */
function grantStackRead(fn: lambda.Function, stackName: string): void {
  const stack = Stack.of(fn);
  // A stack's ARN ends in an id CloudFormation makes up when it creates the stack: only the name is known.
  fn.addToRolePolicy(
    new iam.PolicyStatement({
      actions: ["cloudformation:DescribeStacks"],
      resources: [
        stack.formatArn({ service: "cloudformation", resource: "stack", resourceName: `${stackName}/*` }),
      ],
    }),
  );
  const known = (value: string, placeholder: string) => (Token.isUnresolved(value) ? placeholder : value);
  const partition = Token.isUnresolved(stack.region) ? "<AWS::Partition>" : "aws";
  if (!fn.role) throw new Error("The registration's function has no role to acknowledge its grant on");
  Validations.of(fn.role).acknowledge({
    id:
      `AwsSolutions-IAM5[Resource::arn:${partition}:cloudformation:${known(stack.region, "<AWS::Region>")}:` +
      `${known(stack.account, "<AWS::AccountId>")}:stack/${stackName}/*]`,
    reason:
      "DescribeStacks of the one stack whose output holds the UI's URL, by name: the id that ends its ARN is " +
      "made up when the stack is created.",
  });
}

/**
 * The provider framework answers CloudFormation (the pre-signed response URL, errors, timeouts) so that the
 * handler only does its work. Its own function gets a role that writes its own logs, not the managed policy.
 */
function registrationProvider(scope: Construct, onEvent: lambda.Function, retention: Retention): cr.Provider {
  const frameworkLogs = logGroupFor(scope, "ProviderLogs", retention);
  const frameworkRole = new iam.Role(scope, "ProviderRole", {
    assumedBy: new iam.ServicePrincipal("lambda.amazonaws.com"),
    description: "Relays CloudFormation's sign-in URL requests to the handler and answers CloudFormation",
  });
  frameworkLogs.grantWrite(frameworkRole);
  const provider = new cr.Provider(scope, "Provider", {
    onEventHandler: onEvent,
    frameworkOnEventRole: frameworkRole,
    logGroup: frameworkLogs,
  });
  const handlerId = Stack.of(scope).getLogicalId(onEvent.node.defaultChild as lambda.CfnFunction);
  Validations.of(frameworkRole).acknowledge({
    id: `AwsSolutions-IAM5[Resource::<${handlerId}.Arn>:*]`,
    reason:
      "Function.grantInvoke's own grant: the provider framework may invoke any version of this one handler.",
  });
  return provider;
}
