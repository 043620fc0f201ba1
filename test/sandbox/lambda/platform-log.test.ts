// The platform's own log lines around an invocation, in Lambda's text and JSON formats.
import { describe, expect, it } from "vitest";
import { endLines, startLines, timeoutLine } from "../../../sandbox/lambda/platform-log";

const requestId = "8f5f1c2b-0000-4000-8000-000000000000";
const coldStart = {
  requestId,
  durationMs: 169.664,
  initDurationMs: 11.1,
  memorySizeMb: 256,
  maxMemoryUsedMb: 32,
  status: "success" as const,
};

describe("the platform's log lines", () => {
  it("frame an invocation with START, END and a tab-separated REPORT that bills the Init too", () => {
    expect(startLines(requestId, false)).toEqual([`START RequestId: ${requestId} Version: $LATEST`]);
    expect(endLines(coldStart, false)).toEqual([
      `END RequestId: ${requestId}`,
      `REPORT RequestId: ${requestId}\tDuration: 169.66 ms\tBilled Duration: 181 ms\tMemory Size: 256 MB\t` +
        "Max Memory Used: 32 MB\tInit Duration: 11.10 ms\t",
    ]);
  });

  it("add the status and error type of an invocation whose environment failed", () => {
    const [, report] = endLines(
      { ...coldStart, initDurationMs: undefined, status: "error", errorType: "Runtime.ExitError" },
      false,
    );

    expect(report).toMatch(/\tMax Memory Used: 32 MB\tStatus: error\tError Type: Runtime.ExitError\t$/);
  });

  it("say when an invocation was stopped at its timeout", () => {
    expect(timeoutLine(requestId, 3004)).toMatch(
      new RegExp(`^\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z ${requestId} Task timed out after 3.00 seconds$`),
    );
  });

  it("are platform.start and platform.report records in the JSON format", () => {
    expect(JSON.parse(startLines(requestId, true)[0])).toMatchObject({
      type: "platform.start",
      record: { requestId, version: "$LATEST" },
    });
    const lines = endLines({ ...coldStart, status: "timeout" }, true);
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0])).toMatchObject({
      time: expect.any(String),
      type: "platform.report",
      record: {
        requestId,
        status: "timeout",
        metrics: {
          durationMs: 169.66,
          billedDurationMs: 181,
          memorySizeMB: 256,
          maxMemoryUsedMB: 32,
          initDurationMs: 11.1,
        },
      },
    });
  });
});
