// Lambda's Node.js runtime as one execution environment runs it: patch `console`, load the handler (the Init
// phase), then take one invocation at a time and answer each with the handler's result or error. It speaks the
// IPC protocol of ../runtime-protocol.ts where the real runtime speaks the Runtime API. Bundled on its own (no
// TypeScript loader in the environment, as in Lambda) and run with the node options Lambda's bootstrap uses.
import type { EnvironmentMessage, InvokeMessage, RuntimeError } from "../runtime-protocol";
import { patchConsole } from "./console-log";
import { type Handler, loadHandler } from "./handler-loader";

const log = patchConsole(process.env.AWS_LAMBDA_LOG_FORMAT);
let currentRequestId: string | undefined;

/** Resolves once the message has left, so that a process about to exit does not lose it. */
const send = (message: EnvironmentMessage) =>
  new Promise<void>((resolve) => process.send?.(message, undefined, {}, () => resolve()));
const maxRssKb = () => process.resourceUsage().maxRSS;

// The Lambda service is this process's only reason to live: when it goes (even SIGKILLed), so does the environment.
process.on("disconnect", () => process.exit(0));

// An error no invocation catches ends the environment, as in Lambda: the runtime reports it and exits.
process.on("uncaughtException", (error) => failAndExit("Uncaught Exception", runtimeError(error), 129));
process.on("unhandledRejection", (reason) =>
  failAndExit(
    "Unhandled Promise Rejection",
    { ...runtimeError(reason), errorType: "Runtime.UnhandledPromiseRejection", errorMessage: String(reason) },
    128,
  ),
);

let handler: Handler;
try {
  handler = await loadHandler(process.env.LAMBDA_TASK_ROOT ?? process.cwd(), process.env._HANDLER ?? "");
} catch (error) {
  const failure = runtimeError(error);
  log.logError("Init Error", failure);
  await send({ type: "init-error", error: failure });
  process.exit(1);
}
process.on("message", (message: InvokeMessage) => {
  if (message.type === "invoke") void invoke(message);
});
void send({ type: "ready" });

async function invoke(message: InvokeMessage): Promise<void> {
  currentRequestId = message.requestId;
  log.setRequestId(message.requestId);
  try {
    const result = await handler(JSON.parse(message.event), context(message));
    void send({
      type: "response",
      requestId: message.requestId,
      payload: JSON.stringify(result) ?? "null",
      maxRssKb: maxRssKb(),
    });
  } catch (error) {
    const failure = runtimeError(error);
    log.logError("Invoke Error", failure);
    void send({ type: "error", requestId: message.requestId, error: failure, maxRssKb: maxRssKb() });
  }
}

/** The context object the runtime builds from the invocation's headers and the environment (context-builder.ts). */
function context(message: InvokeMessage) {
  const env = process.env;
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: env.AWS_LAMBDA_FUNCTION_NAME,
    functionVersion: env.AWS_LAMBDA_FUNCTION_VERSION,
    invokedFunctionArn: message.invokedFunctionArn,
    memoryLimitInMB: env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
    awsRequestId: message.requestId,
    logGroupName: env.AWS_LAMBDA_LOG_GROUP_NAME,
    logStreamName: env.AWS_LAMBDA_LOG_STREAM_NAME,
    getRemainingTimeInMillis: () => message.deadlineMs - Date.now(),
  };
}

function failAndExit(message: string, error: RuntimeError, exitCode: number): void {
  log.logError(message, error);
  const report: EnvironmentMessage = currentRequestId
    ? { type: "error", requestId: currentRequestId, error, maxRssKb: maxRssKb() }
    : { type: "init-error", error };
  void send(report).then(() => process.exit(exitCode));
}

/** As the runtime serializes an error (utils/error.ts): its name, message and stack lines. */
function runtimeError(error: unknown): RuntimeError {
  if (error instanceof Error)
    return { errorType: error.name, errorMessage: error.message, trace: error.stack?.split("\n") ?? [] };
  return { errorType: typeof error, errorMessage: String(error), trace: [] };
}
