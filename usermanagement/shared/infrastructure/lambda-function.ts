// A Node.js Lambda function as every function of the workload is built: bundled the one way (lambda-bundling.ts),
// on arm64, logging JSON to a log group of its own through a role that may write only there.
import { Duration, RemovalPolicy } from "aws-cdk-lib";
import * as iam from "aws-cdk-lib/aws-iam";
import * as lambda from "aws-cdk-lib/aws-lambda";
import * as logs from "aws-cdk-lib/aws-logs";
import type { Construct } from "constructs";
import { lambdaCode } from "./lambda-bundling";

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
  /** @default logs.RetentionDays.ONE_MONTH */
  readonly logRetention?: logs.RetentionDays;
  /**
   * Keep the log group when the stack is deleted.
   * @default false - sandbox logs go with the stack
   */
  readonly retainLogs?: boolean;
}

/**
 * Creates `FunctionLogs`, `FunctionRole` and `Function` directly in `scope`, so that the constructs using it keep
 * the construct ids (and logical ids) they had when they defined these themselves.
 */
export function lambdaFunction(scope: Construct, props: LambdaFunctionProps): lambda.Function {
  // A role that may write to the function's own log group and nothing else, instead of the managed
  // AWSLambdaBasicExecutionRole, which may create and write any log group in the account.
  const logGroup = new logs.LogGroup(scope, "FunctionLogs", {
    retention: props.logRetention ?? logs.RetentionDays.ONE_MONTH,
    removalPolicy: props.retainLogs ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
  });
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
