// Runs the project's CDK app the way a developer does, through the pinned CLI, into a throw-away directory.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface SynthResult {
  readonly status: number | null;
  readonly output: string;
  readonly outdir: string;
}

export function cdkSynth(args: string[] = []): SynthResult {
  const outdir = mkdtempSync(join(tmpdir(), "cdk-synth-"));
  const result = spawnSync("npx", ["cdk", "synth", "--quiet", "-o", outdir, ...args], {
    encoding: "utf8",
    env: { ...process.env, CDK_DISABLE_VERSION_CHECK: "1" },
    timeout: 240_000,
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}`, outdir };
}

interface Manifest {
  artifacts: Record<
    string,
    {
      type: string;
      displayName?: string;
      properties?: { templateFile?: string; directoryName?: string; stackName?: string };
    }
  >;
}

export function readManifest(assemblyDir: string): Manifest {
  return JSON.parse(readFileSync(join(assemblyDir, "manifest.json"), "utf8"));
}

/** The stacks of one assembly (not its nested ones), by CloudFormation stack name. */
export function stackNames(assemblyDir: string): string[] {
  return Object.values(readManifest(assemblyDir).artifacts)
    .filter((artifact) => artifact.type === "aws:cloudformation:stack")
    .map((artifact) => artifact.properties?.stackName ?? artifact.displayName ?? "");
}
