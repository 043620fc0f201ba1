// `cdk synth` of the full app vs a bare app with one empty stack: same CLI, flags and cdk.json context, each run
// into a fresh output directory as in CI, interleaved so that a burst of load elsewhere hits both alike.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pairedRatios, runChild, type Summary, summarize } from "./measure";

export const SYNTH_TARGET_RATIO = 1.3;

const CDK_CLI = new URL("../node_modules/.bin/cdk", import.meta.url).pathname;
const APPS = {
  full: "node --import tsx bin/app.ts",
  bare: "node --import tsx bench/fixtures/bare-app.ts",
};

export interface SynthResult {
  readonly wallMs: { readonly full: Summary; readonly bare: Summary; readonly ratio: Summary };
  /** CPU of the CLI, the app and what they start: steadier than wall time on a shared machine. */
  readonly cpuMs?: { readonly full: Summary; readonly bare: Summary; readonly ratio: Summary };
}

export async function measureSynth(runs: number): Promise<SynthResult> {
  await synthOnce(APPS.full); // warm-up: tsx's transform cache and the disk cache, for both apps alike
  const full: { wallMs: number; cpuMs?: number }[] = [];
  const bare: typeof full = [];
  for (let run = 0; run < runs; run++) {
    bare.push(await synthOnce(APPS.bare));
    full.push(await synthOnce(APPS.full));
  }
  const figures = (pick: (run: (typeof full)[number]) => number | undefined) => {
    const [f, b] = [full.map(pick), bare.map(pick)];
    if (f.includes(undefined) || b.includes(undefined)) return undefined;
    const [fullValues, bareValues] = [f as number[], b as number[]];
    return {
      full: summarize(fullValues),
      bare: summarize(bareValues),
      ratio: pairedRatios(fullValues, bareValues),
    };
  };
  const wallMs = figures((run) => run.wallMs);
  if (!wallMs) throw new Error("no wall times");
  return { wallMs, cpuMs: figures((run) => run.cpuMs) };
}

async function synthOnce(app: string) {
  const outDir = mkdtempSync(join(tmpdir(), "bench-synth-"));
  try {
    return await runChild(CDK_CLI, ["synth", "--app", app, "--output", outDir, "--quiet"], 300_000, {
      ...process.env,
      CDK_DISABLE_VERSION_CHECK: "1",
    });
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}
