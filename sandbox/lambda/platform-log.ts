// The lines the Lambda platform itself writes to a function's log stream around each invocation: START, END and
// REPORT in the text format ("Using CloudWatch Logs with Lambda",
// https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs.html), platform.start and
// platform.report records in the JSON format ("Configuring JSON and plain text log formats",
// https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs-logformat.html).

export interface InvocationReport {
  readonly requestId: string;
  readonly durationMs: number;
  readonly memorySizeMb: number;
  readonly maxMemoryUsedMb: number;
  /** Only on the invocation that started the environment (a cold start). */
  readonly initDurationMs?: number;
  readonly status: "success" | "error" | "timeout";
  /** e.g. `Runtime.ExitError`, when the environment failed. */
  readonly errorType?: string;
}

export function startLines(requestId: string, json: boolean): string[] {
  if (json)
    return [
      JSON.stringify({ time: now(), type: "platform.start", record: { requestId, version: "$LATEST" } }),
    ];
  return [`START RequestId: ${requestId} Version: $LATEST`];
}

export function endLines(report: InvocationReport, json: boolean): string[] {
  if (json) {
    const metrics = {
      durationMs: round(report.durationMs),
      billedDurationMs: billedDuration(report),
      memorySizeMB: report.memorySizeMb,
      maxMemoryUsedMB: report.maxMemoryUsedMb,
      ...(report.initDurationMs === undefined ? {} : { initDurationMs: round(report.initDurationMs) }),
    };
    const record = {
      requestId: report.requestId,
      metrics,
      status: report.status,
      errorType: report.errorType,
    };
    return [JSON.stringify({ time: now(), type: "platform.report", record })];
  }
  const fields = [
    `REPORT RequestId: ${report.requestId}`,
    `Duration: ${report.durationMs.toFixed(2)} ms`,
    `Billed Duration: ${billedDuration(report)} ms`,
    `Memory Size: ${report.memorySizeMb} MB`,
    `Max Memory Used: ${report.maxMemoryUsedMb} MB`,
    ...(report.initDurationMs === undefined ? [] : [`Init Duration: ${report.initDurationMs.toFixed(2)} ms`]),
    ...(report.status === "success" ? [] : [`Status: ${report.status}`]),
    ...(report.errorType ? [`Error Type: ${report.errorType}`] : []),
  ];
  return [`END RequestId: ${report.requestId}`, `${fields.join("\t")}\t`];
}

/** The line Lambda writes when it stops an invocation at the function's timeout. */
export function timeoutLine(requestId: string, elapsedMs: number): string {
  return `${now()} ${requestId} ${timeoutMessage(elapsedMs)}`;
}

export function timeoutMessage(elapsedMs: number): string {
  return `Task timed out after ${(elapsedMs / 1000).toFixed(2)} seconds`;
}

/**
 * Whole milliseconds, rounded up; since August 2025 the Init phase of an on-demand function is billed too
 * ("AWS Lambda standardizes billing for the INIT phase").
 */
function billedDuration(report: InvocationReport): number {
  return Math.ceil(report.durationMs + (report.initDurationMs ?? 0));
}

const round = (ms: number) => Math.round(ms * 100) / 100;
const now = () => new Date().toISOString();
