// The AWS Solutions findings of a synthesis that nobody acknowledged, read from the validation report CDK writes
// beside the templates (a finding fails the synthesis, so tests read the report rather than the exception). A
// check that could not run is a finding too, and a synthesis that fails for any other reason fails the test.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Stage } from "aws-cdk-lib";

interface ValidationReport {
  readonly pluginReports: readonly {
    readonly pluginName: string;
    readonly conclusion: "success" | "failure";
    readonly metadata?: Readonly<Record<string, string>>;
    readonly violations: readonly {
      readonly ruleName: string;
      readonly violatingConstructs: readonly { readonly constructPath: string }[];
    }[];
  }[];
}

/**
 * Each finding as `<rule> at <construct path>`, and each plugin that failed without a finding (it crashed) as
 * `<plugin> could not run: <error>`; empty when every check ran and every finding is fixed or acknowledged.
 * @throws when the synthesis in `outdir` wrote no validation report (no checks were added, or it never got there)
 */
export function unacknowledgedFindings(outdir: string): string[] {
  const report = JSON.parse(readFileSync(join(outdir, "validation-report.json"), "utf8")) as ValidationReport;
  return report.pluginReports.flatMap((plugin) =>
    plugin.conclusion === "failure" && plugin.violations.length === 0
      ? [`${plugin.pluginName} could not run: ${JSON.stringify(plugin.metadata ?? {})}`]
      : plugin.violations.flatMap((violation) =>
          violation.violatingConstructs.map(
            (construct) => `${violation.ruleName} at ${construct.constructPath}`,
          ),
        ),
  );
}

/**
 * Synthesizes `app`, whose checks must already be added (an App synthesizes once), and returns its unacknowledged
 * findings. CDK throws when there are findings, after writing its report; a synthesis that throws without any
 * finding to show for it failed for another reason, and that error is rethrown.
 */
export function synthesizedFindings(app: Stage): string[] {
  try {
    app.synth();
  } catch (error) {
    const findings = reportedFindings(app.outdir);
    if (findings === undefined || findings.length === 0) throw error;
    return findings;
  }
  return unacknowledgedFindings(app.outdir);
}

function reportedFindings(outdir: string): string[] | undefined {
  try {
    return unacknowledgedFindings(outdir);
  } catch {
    return undefined;
  }
}
