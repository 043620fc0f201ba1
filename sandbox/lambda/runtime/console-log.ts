// `console` as Lambda's Node.js runtime patches it (aws-lambda-nodejs-runtime-interface-client, src/logging/:
// log-patch, formatter, stdout-logger): each call is one record on stdout, stamped with the time, the level and
// the current request id; as tab-separated text, or as a JSON object when the function's log format is JSON.
import { format } from "node:util";
import type { RuntimeError } from "../runtime-protocol";

const LEVELS = {
  trace: "TRACE",
  debug: "DEBUG",
  info: "INFO",
  warn: "WARN",
  error: "ERROR",
  log: "INFO",
} as const;

export interface ConsoleLog {
  /** The request whose id each record carries until the next one. */
  setRequestId(requestId: string | undefined): void;
  /** What the runtime writes when an invocation (or the runtime itself) fails, e.g. `Invoke Error`. */
  logError(message: string, error: RuntimeError): void;
}

export function patchConsole(logFormat: string | undefined): ConsoleLog {
  const json = logFormat === "JSON";
  let requestId: string | undefined;
  const write = (level: string, message: unknown, params: unknown[]) => {
    const timestamp = new Date().toISOString();
    const record = json
      ? JSON.stringify({
          timestamp,
          level,
          requestId,
          message: params.length ? format(message, ...params) : message,
        })
      : // Text records keep to one line: the runtime turns newlines into carriage returns.
        [timestamp, requestId, level, format(message, ...params)].join("\t").replaceAll("\n", "\r");
    process.stdout.write(`${record}\n`);
  };
  for (const [method, level] of Object.entries(LEVELS)) {
    (console as unknown as Record<string, unknown>)[method] = (message: unknown, ...params: unknown[]) =>
      write(level, message, params);
  }
  return {
    setRequestId(id) {
      requestId = id;
    },
    logError(message, error) {
      const serialized = {
        errorType: error.errorType,
        errorMessage: error.errorMessage,
        stackTrace: error.trace,
      };
      if (json) write("ERROR", serialized, []);
      else write("ERROR", message, [`\t${JSON.stringify(serialized)}`]);
    },
  };
}
