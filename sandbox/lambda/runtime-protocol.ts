// The messages between the Lambda service and an execution environment, over the child process's IPC channel.
// They stand in for the Lambda Runtime API (https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html) that
// Lambda's Node.js runtime polls in AWS: `invoke` is the answer to GET /runtime/invocation/next, and each message
// from the environment is one of its POSTs.

/** GET /runtime/invocation/next: the event, and the headers the runtime builds the context from. */
export interface InvokeMessage {
  readonly type: "invoke";
  /** `Lambda-Runtime-Aws-Request-Id`. */
  readonly requestId: string;
  /** `Lambda-Runtime-Deadline-Ms`: epoch milliseconds. */
  readonly deadlineMs: number;
  /** `Lambda-Runtime-Invoked-Function-Arn`. */
  readonly invokedFunctionArn: string;
  /** The event, already JSON, as Lambda passes it. */
  readonly event: string;
}

/** The error body the runtime posts: `errorType`, `errorMessage` and `trace`. */
export interface RuntimeError {
  readonly errorType: string;
  readonly errorMessage: string;
  readonly trace: readonly string[];
}

export type EnvironmentMessage =
  /** The handler is loaded: the runtime's first GET /runtime/invocation/next, which ends the Init phase. */
  | { readonly type: "ready" }
  /** POST /runtime/init/error: the handler could not be loaded. */
  | { readonly type: "init-error"; readonly error: RuntimeError }
  /** POST /runtime/invocation/{requestId}/response, with the process's peak memory so far. */
  | {
      readonly type: "response";
      readonly requestId: string;
      readonly payload: string;
      readonly maxRssKb: number;
    }
  /** POST /runtime/invocation/{requestId}/error. */
  | {
      readonly type: "error";
      readonly requestId: string;
      readonly error: RuntimeError;
      readonly maxRssKb: number;
    };
