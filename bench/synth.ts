// `cdk synth` of the full app vs a bare app with one empty stack: same CLI, same flags, same cdk.json context.
import { mkdtemp, readdir, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runChild } from "./child-process";
import { pairedRatios, type Summary, summarize } from "./stats";

export const SYNTH_TARGET_RATIO = 1.3;

const CDK_CLI = new URL("../node_modules/.bin/cdk", import.meta.url).pathname;
const FULL_APP = "node --import tsx bin/app.ts";
const BARE_APP = "node --import tsx bench/fixtures/bare-app.ts";

export interface SynthResult {
  readonly fullMs: Summary;
  readonly bareMs: Summary;
  /** Wall time, full ÷ bare, run by run: the figure the target is about. */
  readonly ratio: Summary;
  /** CPU time of the CLI, the app and esbuild, when the OS reports it: steadier than wall time on a busy machine. */
  readonly cpu?: { readonly fullMs: Summary; readonly bareMs: Summary; readonly ratio: Summary };
  /** The Lambda bundles CDK itself staged, to check bench/bundles.ts builds the same thing. */
  readonly stagedBundleBytes: Record<string, number>;
}

export async function measureSynth(runs: number, warmUps: number): Promise<SynthResult> {
  for (let run = 0; run < warmUps; run++) {
    await synthOnce(BARE_APP);
    await synthOnce(FULL_APP);
  }
  const full: SynthRun[] = [];
  const bare: SynthRun[] = [];
  // Interleaved, so that a burst of load from elsewhere on the machine hits both apps alike.
  for (let run = 0; run < runs; run++) {
    bare.push(await synthOnce(BARE_APP));
    full.push(await synthOnce(FULL_APP));
  }
  const fullMs = summarize(full.map((run) => run.wallMs));
  const bareMs = summarize(bare.map((run) => run.wallMs));
  const cpuOf = (synths: SynthRun[]) => synths.map((run) => run.cpuMs).filter((ms) => ms !== undefined);
  const [fullCpu, bareCpu] = [cpuOf(full), cpuOf(bare)];
  const cpu =
    fullCpu.length === runs && bareCpu.length === runs
      ? {
          fullMs: summarize(fullCpu),
          bareMs: summarize(bareCpu),
          ratio: pairedRatios(fullCpu, bareCpu),
        }
      : undefined;
  return {
    fullMs,
    bareMs,
    ratio: pairedRatios(
      full.map((run) => run.wallMs),
      bare.map((run) => run.wallMs),
    ),
    cpu,
    stagedBundleBytes: full[full.length - 1].stagedBundleBytes,
  };
}

interface SynthRun {
  readonly wallMs: number;
  readonly cpuMs?: number;
  readonly stagedBundleBytes: Record<string, number>;
}

/** One synth into a fresh output directory: what a clean checkout or CI pays, never a warm cdk.out. */
async function synthOnce(app: string): Promise<SynthRun> {
  const outDir = await mkdtemp(join(tmpdir(), "bench-synth-"));
  try {
    const { wallMs, cpuMs } = await runChild({
      command: CDK_CLI,
      args: ["synth", "--app", app, "--output", outDir, "--quiet"],
      timeoutMs: 180_000,
      env: {
        ...process.env,
        CDK_DISABLE_VERSION_CHECK: "1",
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
      },
    });
    return { wallMs, cpuMs, stagedBundleBytes: await stagedBundles(outDir) };
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
}

async function stagedBundles(outDir: string): Promise<Record<string, number>> {
  const sizes: Record<string, number> = {};
  for (const entry of await readdir(outDir)) {
    const bundle = join(outDir, entry, "index.mjs");
    const size = await stat(bundle).then(
      (s) => s.size,
      () => undefined,
    );
    if (size !== undefined) sizes[entry] = size;
  }
  return sizes;
}
