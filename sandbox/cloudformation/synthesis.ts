// What `cdk synth` does for the sandbox, in this process: the sandbox app (bin/sandbox-workload.ts) with
// cdk.json's context, synthesized into a cloud assembly, bundles and all. Without cdk-nag and without CDK's
// built-in template validation: both judge the templates, and the tests of bin/app.ts run them on every
// `npm test`; the sandbox only needs what deploys. Run it directly to synthesize into a directory:
// `node --import tsx sandbox/cloudformation/synthesis.ts <outdir>`.
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { App } from "aws-cdk-lib";
import { sandboxWorkload } from "../../bin/sandbox-workload";
import type { UserManagement } from "../../usermanagement/workload";
import { PROJECT_ROOT } from "./assembly-cache";

/** cdk.json's context, the feature flags above all, which the CLI hands every app it runs. */
export function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(join(PROJECT_ROOT, "cdk.json"), "utf8")) as {
    context?: Record<string, unknown>;
  };
  return cdkJson.context ?? {};
}

export interface SynthesisOptions {
  /** Where the cloud assembly is written. */
  readonly outdir: string;
  /**
   * Changes the workload before it is synthesized, e.g. a test's escape hatch or Aspect.
   * @default - the workload as bin/app.ts deploys it
   */
  readonly modify?: (workload: UserManagement, app: App) => void;
}

/** Synthesizes the sandbox app into `outdir` and returns that directory. */
export function synthesizeSandboxApp(options: SynthesisOptions): string {
  const app = new App({
    outdir: options.outdir,
    // As the CLI does by default: each resource's construct path in its metadata, for the sandbox's messages.
    context: { ...cdkJsonContext(), "aws:cdk:enable-path-metadata": true },
    builtinCloudFormationValidation: false,
  });
  const workload = sandboxWorkload(app);
  options.modify?.(workload, app);
  app.synth();
  return options.outdir;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const outdir = process.argv[2];
  if (!outdir) throw new Error("usage: synthesis.ts <outdir>");
  synthesizeSandboxApp({ outdir });
}
