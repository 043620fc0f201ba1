// A Node.js Lambda function as every function of the workload is built: bundled the one way (lambda-bundling.ts),
// on arm64, logging JSON to a log group of its own through a role that may write only there.
import { Duration } from "aws-cdk-lib";
import * as iam from "aws-cdk-lib/aws-iam";
import * as lambda from "aws-cdk-lib/aws-lambda";
import type { Construct } from "constructs";
import { lambdaCode } from "./lambda-bundling";
import { logGroupFor, type Retention } from "./retention";

export interface LambdaFunctionProps {
  /** The TypeScript module exporting `handler`. */
  readonly entry: string;
  /** What the role is for, shown in IAM. */
  readonly roleDescription: string;
  /**
   * Concurrent executions reserved for the function; also its ceiling.
   * @default - no reservation: the function shares the account's unreserved concurrency
   */
  readonly reservedConcurrency?: number;
  /** @default 256 */
  readonly memorySize?: number;
  /** @default Duration.seconds(10) */
  readonly timeout?: Duration;
  /** @default {} */
  readonly environment?: Record<string, string>;
  /** How long the function's logs are kept, and whether they outlive the stack. */
  readonly retention: Retention;
}

/**
 * Creates `FunctionLogs`, `FunctionRole` and `Function` directly in `scope`, so that the constructs using it keep
 * the construct ids (and logical ids) they had when they defined these themselves.
 */
export function lambdaFunction(scope: Construct, props: LambdaFunctionProps): lambda.Function {
  // A role that may write to the function's own log group and nothing else, instead of the managed
  // AWSLambdaBasicExecutionRole, which may create and write any log group in the account.
  const logGroup = logGroupFor(scope, "FunctionLogs", props.retention);
  const role = new iam.Role(scope, "FunctionRole", {
    assumedBy: new iam.ServicePrincipal("lambda.amazonaws.com"),
    description: props.roleDescription,
  });
  logGroup.grantWrite(role);

  return new lambda.Function(scope, "Function", {
    role,
    code: lambdaCode(props.entry),
    handler: "index.handler",
    runtime: lambda.Runtime.NODEJS_24_X,
    architecture: lambda.Architecture.ARM_64,
    memorySize: props.memorySize ?? 256,
    timeout: props.timeout ?? Duration.seconds(10),
    reservedConcurrentExecutions: props.reservedConcurrency,
    environment: { NODE_OPTIONS: "--enable-source-maps", ...props.environment },
    loggingFormat: lambda.LoggingFormat.JSON,
    logGroup,
  });
}
