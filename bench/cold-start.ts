// Cold init of each handler bundle (a fresh process: load, first invocation) vs the empty handler bundle.
import { join } from "node:path";
import { build } from "esbuild";
import type { PlainRequest } from "../sandbox/payload-v2";
import type { LambdaName } from "./bundles";
import { runChild } from "./child-process";
import type { ColdStartTimes } from "./cold-start-child";
import { pairedRatios, type Summary, summarize } from "./stats";

export const COLD_START_TARGET_RATIO = 2;

/** The first request each function gets: a read of a user that doesn't exist, and one chat message. */
export const FIRST_REQUESTS: Record<LambdaName, PlainRequest> = {
  usersApi: { method: "GET", url: "/api/users/nobody-here" },
  chatbotApi: {
    method: "POST",
    url: "/api/chat",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ sessionId: "bench", text: "what is alice's email?" }),
  },
};

export interface ColdStart {
  readonly totalMs: Summary;
  readonly importMs: Summary;
  readonly invokeMs: Summary;
  /** The empty handler's, measured in the same interleaved runs. */
  readonly emptyTotalMs: Summary;
  /** Total ÷ the empty handler's, run by run. */
  readonly ratio: Summary;
  readonly status: number | undefined;
}

export interface ColdStartSubject {
  readonly bundle: string;
  readonly request: PlainRequest;
}

/**
 * Each subject's bundle, started cold `runs` times, each run followed by the empty handler bundle answering the
 * same request (interleaved, so background load hits both alike). The Users API reads its table and DynamoDB
 * Local's endpoint from the environment, which the children inherit.
 */
export async function measureColdStarts<Name extends string>(
  subjects: Record<Name, ColdStartSubject>,
  emptyBundle: string,
  runs: number,
  workDir: string,
): Promise<Record<Name, ColdStart>> {
  const runner = await buildRunner(workDir);
  const results = {} as Record<Name, ColdStart>;
  for (const name of Object.keys(subjects) as Name[]) {
    const { bundle, request } = subjects[name];
    const handlerRuns: ColdStartTimes[] = [];
    const emptyRuns: ColdStartTimes[] = [];
    for (let run = 0; run < runs; run++) {
      handlerRuns.push(await coldStart(runner, bundle, request));
      emptyRuns.push(await coldStart(runner, emptyBundle, request));
    }
    const totalMs = summarize(handlerRuns.map((times) => times.totalMs));
    const emptyTotalMs = summarize(emptyRuns.map((times) => times.totalMs));
    results[name] = {
      totalMs,
      importMs: summarize(handlerRuns.map((times) => times.importMs)),
      invokeMs: summarize(handlerRuns.map((times) => times.invokeMs)),
      emptyTotalMs,
      ratio: pairedRatios(
        handlerRuns.map((times) => times.totalMs),
        emptyRuns.map((times) => times.totalMs),
      ),
      status: handlerRuns[0].status,
    };
  }
  return results;
}

async function buildRunner(workDir: string): Promise<string> {
  const outfile = join(workDir, "cold-start-child.mjs");
  await build({
    entryPoints: [new URL("./cold-start-child.ts", import.meta.url).pathname],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    logLevel: "silent",
  });
  return outfile;
}

async function coldStart(runner: string, bundle: string, request: PlainRequest): Promise<ColdStartTimes> {
  const { lastLine } = await runChild({
    command: process.execPath,
    // As in Lambda, where lambda-http-api.ts sets NODE_OPTIONS=--enable-source-maps.
    args: ["--enable-source-maps", runner, bundle, JSON.stringify(request)],
    timeoutMs: 30_000,
  });
  return JSON.parse(lastLine) as ColdStartTimes;
}
