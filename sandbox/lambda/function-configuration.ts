// The sandbox's Lambda service, as the rest of the sandbox sees it: the functions it runs (read from the
// templates' AWS::Lambda::Function resources) and what an invocation answers.
import type { ExecutionRole, RoleCredentials } from "../iam/execution-role";

/** One AWS::Lambda::Function, its properties resolved. */
export interface FunctionConfiguration {
  /** `FunctionName`, or the name CloudFormation would generate. */
  readonly functionName: string;
  /** The staged asset directory holding the bundle (`Code`), e.g. `cdk.out/asset.<hash>`. */
  readonly codeDirectory: string;
  /** `Handler`, e.g. `index.handler`: module `index` (.js, .mjs or .cjs) in `codeDirectory`, export `handler`. */
  readonly handler: string;
  /** `Environment.Variables`, intrinsics resolved to the sandbox's resources. */
  readonly environment: Readonly<Record<string, string>>;
  /** `Timeout`: Lambda stops the environment of an invocation that runs longer. */
  readonly timeoutSeconds: number;
  /** `MemorySize`: the Node heap is sized from it as Lambda's Node runtime sizes it. */
  readonly memorySizeMb: number;
  /**
   * `ReservedConcurrentExecutions`: the function's own pool, and its ceiling.
   * @default - none: the function shares the account's unreserved concurrency
   */
  readonly reservedConcurrency?: number;
  /** The execution role (`Role`), whose credentials each environment gets. */
  readonly role: ExecutionRole;
  /** `LoggingConfig.LogGroup`, or `/aws/lambda/<functionName>`. */
  readonly logGroupName: string;
  /**
   * `LoggingConfig.LogFormat`: how the runtime writes `console` output and the platform's START/END/REPORT lines.
   * @default "Text"
   */
  readonly logFormat?: "Text" | "JSON";
}

/** Why Lambda refused to run an invocation (the `Reason` of its TooManyRequestsException). */
export type ThrottleReason =
  /** The function's reserved concurrency is all in use. */
  | "ReservedFunctionConcurrentInvocationLimitExceeded"
  /** The account's unreserved concurrency is all in use. */
  | "ConcurrentInvocationLimitExceeded";

/** What a synchronous Invoke answers: the function's result, its error, or Lambda's refusal to run it. */
export type InvocationResult =
  | { readonly outcome: "success"; readonly payload: unknown }
  /** A function error (`X-Amz-Function-Error: Unhandled`): thrown, timed out (`Sandbox.Timedout`), crashed (`Runtime.ExitError`)… */
  | { readonly outcome: "error"; readonly errorType: string; readonly errorMessage: string }
  /** HTTP 429 from Lambda's Invoke API: the function never ran. */
  | {
      readonly outcome: "throttled";
      readonly errorType: "TooManyRequestsException";
      readonly reason: ThrottleReason;
    };

/** One line a function or the Lambda platform wrote to the function's log stream. */
export interface FunctionLogRecord {
  readonly functionName: string;
  readonly logGroupName: string;
  readonly logStreamName: string;
  /** Whether the function wrote it (stdout, stderr) or the Lambda platform did (START, END, REPORT…). */
  readonly source: "function" | "platform";
  readonly line: string;
}

export interface LambdaServiceOptions {
  readonly functions: readonly FunctionConfiguration[];
  /** The region the functions run in (`AWS_REGION`, their ARNs). */
  readonly region: string;
  readonly accountId: string;
  /** The credentials an environment of `role` gets, in session `sessionName` (Lambda names it after the function). */
  readonly credentialsFor: (role: ExecutionRole, sessionName: string) => RoleCredentials;
  /**
   * Variables every environment gets on top of its function's own, for what stands in for AWS, e.g.
   * `AWS_ENDPOINT_URL_DYNAMODB`. Lambda's reserved variables still win.
   * @default {}
   */
  readonly sandboxEnvironment?: Readonly<Record<string, string>>;
  /**
   * The account's concurrent executions: reserved pools come out of it, the rest is shared by the functions
   * without a reservation.
   * @default SANDBOX_ACCOUNT_CONCURRENCY_LIMIT
   */
  readonly accountConcurrencyLimit?: number;
  /**
   * How long an idle environment is kept warm before it is stopped.
   * @default IDLE_ENVIRONMENT_TTL_MS
   */
  readonly idleEnvironmentTtlMs?: number;
  /**
   * Receives every log line of every function.
   * @default - each line is written to the sandbox's stdout
   */
  readonly log?: (record: FunctionLogRecord) => void;
}

export interface LambdaService {
  /** A synchronous (RequestResponse) invocation; throws only for a function the service does not run. */
  invoke(functionName: string, event: unknown): Promise<InvocationResult>;
  /** Stops every execution environment and waits for their processes to exit. */
  stop(): Promise<void>;
}
