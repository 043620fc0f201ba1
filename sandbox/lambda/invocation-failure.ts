// How Lambda reports an invocation whose environment did not answer: stopped at the timeout (`Sandbox.Timedout`),
// ended by the runtime's exit (`Runtime.ExitError`), or failed in its Init phase (the runtime's init error). The
// caller gets a function error; the log gets the platform's line about it.
// Shapes as Invoke returns them, e.g. `{"errorType":"Sandbox.Timedout","errorMessage":"RequestId: … Error: Task
// timed out after 1.00 seconds"}` and `{"errorType":"Runtime.ExitError","errorMessage":"RequestId: … Error:
// Runtime exited with error: exit status 1"}`.
import type { PhaseOutcome } from "./execution-environment";
import type { InvocationResult } from "./function-configuration";
import type { InvocationReport } from "./platform-log";
import { timeoutLine, timeoutMessage } from "./platform-log";

export interface InvocationFailure {
  readonly result: Extract<InvocationResult, { outcome: "error" }>;
  readonly report: Pick<InvocationReport, "status" | "errorType">;
  /** What the platform writes about it in the text log format, before END and REPORT. */
  readonly textLines: readonly string[];
}

export function invocationFailure(
  outcome: PhaseOutcome,
  requestId: string,
  elapsedMs: number,
): InvocationFailure {
  if (outcome.kind === "timeout") {
    const errorMessage = `RequestId: ${requestId} Error: ${timeoutMessage(elapsedMs)}`;
    return {
      result: { outcome: "error", errorType: "Sandbox.Timedout", errorMessage },
      report: { status: "timeout" },
      textLines: [timeoutLine(requestId, elapsedMs)],
    };
  }
  if (outcome.kind === "exit") {
    const errorMessage = `RequestId: ${requestId} Error: Runtime exited with error: ${outcome.status}`;
    return {
      result: { outcome: "error", errorType: "Runtime.ExitError", errorMessage },
      report: { status: "error", errorType: "Runtime.ExitError" },
      textLines: [errorMessage, "Runtime.ExitError"],
    };
  }
  const error =
    outcome.kind === "error"
      ? outcome.error
      : { errorType: "Runtime.Unknown", errorMessage: "The runtime did not answer." };
  return {
    result: { outcome: "error", errorType: error.errorType, errorMessage: error.errorMessage },
    report: { status: "error", errorType: error.errorType },
    textLines: [],
  };
}
