// What an execution environment's process is started with: the variables Lambda defines for every function
// ("Defined runtime environment variables", https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime)
// and the node options Lambda's Node.js bootstrap (/var/runtime/bootstrap) derives from the memory size.
import { randomBytes } from "node:crypto";
import type { RoleCredentials } from "../iam/execution-role";
import type { FunctionConfiguration } from "./function-configuration";

/** Variables Lambda reserves: a function's configuration may not set them (deploying one fails). */
export const RESERVED_VARIABLES = [
  "_HANDLER",
  "_X_AMZN_TRACE_ID",
  "AWS_DEFAULT_REGION",
  "AWS_REGION",
  "AWS_EXECUTION_ENV",
  "AWS_LAMBDA_FUNCTION_NAME",
  "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
  "AWS_LAMBDA_FUNCTION_VERSION",
  "AWS_LAMBDA_INITIALIZATION_TYPE",
  "AWS_LAMBDA_LOG_GROUP_NAME",
  "AWS_LAMBDA_LOG_STREAM_NAME",
  "AWS_ACCESS_KEY",
  "AWS_ACCESS_KEY_ID",
  "AWS_SECRET_ACCESS_KEY",
  "AWS_SESSION_TOKEN",
  "AWS_LAMBDA_RUNTIME_API",
  "LAMBDA_TASK_ROOT",
  "LAMBDA_RUNTIME_DIR",
] as const;

/** The runtime the sandbox stands in for: the one the workload's functions declare. */
const EXECUTION_ENV = "AWS_Lambda_nodejs24.x";

export interface EnvironmentIdentity {
  readonly region: string;
  /** Where the runtime's bootstrap lives (`LAMBDA_RUNTIME_DIR`). */
  readonly runtimeDirectory: string;
  readonly credentials: RoleCredentials;
  /** The sandbox's own variables, e.g. `AWS_ENDPOINT_URL_DYNAMODB`. */
  readonly sandboxEnvironment: Readonly<Record<string, string>>;
}

/**
 * The process environment of one execution environment: the function's variables, the sandbox's, then Lambda's
 * own, which nothing overrides. Nothing of the sandbox's own process environment leaks in, as nothing of the
 * machine's does in Lambda; PATH only, so that a function can still start a program.
 */
export function environmentVariables(
  fn: FunctionConfiguration,
  identity: EnvironmentIdentity,
  logStreamName: string,
): Record<string, string> {
  return {
    PATH: process.env.PATH ?? "/usr/local/bin:/usr/bin:/bin",
    LANG: "en_US.UTF-8",
    ...fn.environment,
    ...identity.sandboxEnvironment,
    _HANDLER: fn.handler,
    AWS_REGION: identity.region,
    AWS_DEFAULT_REGION: identity.region,
    AWS_EXECUTION_ENV: EXECUTION_ENV,
    AWS_LAMBDA_FUNCTION_NAME: fn.functionName,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memorySizeMb),
    AWS_LAMBDA_FUNCTION_VERSION: "$LATEST",
    AWS_LAMBDA_INITIALIZATION_TYPE: "on-demand",
    AWS_LAMBDA_LOG_GROUP_NAME: fn.logGroupName,
    AWS_LAMBDA_LOG_STREAM_NAME: logStreamName,
    ...(fn.logFormat === "JSON" ? { AWS_LAMBDA_LOG_FORMAT: "JSON" } : {}),
    AWS_ACCESS_KEY_ID: identity.credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: identity.credentials.secretAccessKey,
    AWS_SESSION_TOKEN: identity.credentials.sessionToken,
    LAMBDA_TASK_ROOT: fn.codeDirectory,
    LAMBDA_RUNTIME_DIR: identity.runtimeDirectory,
    TZ: ":UTC",
  };
}

/** The function's reserved variables it sets itself, which Lambda would refuse to deploy. */
export function reservedVariablesSet(fn: FunctionConfiguration): string[] {
  return RESERVED_VARIABLES.filter((name) => name in fn.environment);
}

/**
 * Node's heap sized from the memory as Lambda's bootstrap sizes it: a tenth for the new space (half of it per
 * semi-space), the rest for the old space, so a function that outgrows its memory fails as it would in Lambda.
 */
export function runtimeNodeOptions(memorySizeMb: number): string[] {
  const newSpace = Math.floor(memorySizeMb / 10);
  return [
    "--expose-gc",
    "--max-http-header-size=81920",
    `--max-semi-space-size=${Math.floor(newSpace / 2)}`,
    `--max-old-space-size=${memorySizeMb - newSpace}`,
  ];
}

/** A log stream per environment, named as Lambda names them: `2024/01/31/[$LATEST]<32 hex digits>`. */
export function logStreamName(now = new Date()): string {
  const date = now.toISOString().slice(0, 10).replaceAll("-", "/");
  return `${date}/[$LATEST]${randomBytes(16).toString("hex")}`;
}
