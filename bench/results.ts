// The shape of one `npm run bench`: what latest.json holds and what the report and the chart are drawn from.
import type { BundlesResult } from "./bundles";
import type { ColdStart } from "./cold-start";
import type { BenchConfig } from "./config";
import type { LoadAnswer } from "./load-child";
import type { NluLatency } from "./nlu";
import type { OperationThroughput } from "./sandbox-throughput";
import type { SynthResult } from "./synth";
import type { Operation } from "./throughput-child";

/** A measurement that failed is reported as such; the others still run. */
export type Outcome<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: string };

export type ColdStartName = "usersApi" | "chatbotApi" | "usersApiRuntimeSdk";

export interface BenchResults {
  readonly generatedAt: string;
  readonly config: BenchConfig;
  readonly machine: { readonly node: string; readonly cpus: number; readonly loadAverageAtStart: number[] };
  readonly synth: Outcome<SynthResult>;
  readonly bundles: Outcome<BundlesResult>;
  readonly coldStarts: Outcome<Record<ColdStartName, ColdStart>>;
  readonly throughput: Outcome<Record<Operation, OperationThroughput>>;
  readonly load: Outcome<LoadAnswer>;
  readonly nlu: Outcome<NluLatency>;
}

export async function attempt<T>(name: string, measure: () => Promise<T> | T): Promise<Outcome<T>> {
  console.error(`bench: ${name}…`);
  try {
    return { ok: true, value: await measure() };
  } catch (error) {
    const message = (error as Error).message;
    console.error(`bench: ${name} failed: ${message}`);
    return { ok: false, error: message.split("\n").slice(0, 6).join("\n") };
  }
}
