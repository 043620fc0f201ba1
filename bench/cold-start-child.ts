// Runs inside a fresh `node` process (bundled to plain JS first, so no TypeScript loader skews the timing):
// imports one Lambda bundle and invokes its handler once, like a Lambda cold start, then reports the times.
import { pathToFileURL } from "node:url";
import { type HttpApiHandler, lambdaContext, type PlainRequest, toHttpApiEvent } from "../sandbox/payload-v2";

export interface ColdStartTimes {
  readonly status: number | undefined;
  /** From the process's own start (Node's time origin) to the first response: what Lambda bills as init + first invoke. */
  readonly totalMs: number;
  readonly importMs: number;
  readonly invokeMs: number;
}

const [bundlePath, requestJson] = process.argv.slice(2);
const event = toHttpApiEvent(JSON.parse(requestJson) as PlainRequest);
const beforeImport = performance.now();
const { handler } = (await import(pathToFileURL(bundlePath).href)) as { handler: HttpApiHandler };
const beforeInvoke = performance.now();
const result = await handler(event, lambdaContext("bench", event.requestContext.requestId));
const done = performance.now();
const times: ColdStartTimes = {
  status: (result as { statusCode?: number }).statusCode,
  totalMs: done,
  importMs: beforeInvoke - beforeImport,
  invokeMs: done - beforeInvoke,
};
process.stdout.write(`${JSON.stringify(times)}\n`);
// The SDK's keep-alive sockets would hold the process open; a Lambda sandbox is frozen here instead.
process.exit(0);
