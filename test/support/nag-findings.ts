// The AWS Solutions findings of a synthesis that nobody acknowledged, read from the validation report CDK writes
// beside the templates (a finding fails the synthesis, so tests read the report rather than the exception).
import { readFileSync } from "node:fs";
import { join } from "node:path";

interface ValidationReport {
  readonly pluginReports: readonly {
    readonly violations: readonly {
      readonly ruleName: string;
      readonly violatingConstructs: readonly { readonly constructPath: string }[];
    }[];
  }[];
}

/** Each finding as `<rule> at <construct path>`; empty when every finding is fixed or acknowledged. */
export function unacknowledgedFindings(outdir: string): string[] {
  const report = JSON.parse(readFileSync(join(outdir, "validation-report.json"), "utf8")) as ValidationReport;
  return report.pluginReports.flatMap((plugin) =>
    plugin.violations.flatMap((violation) =>
      violation.violatingConstructs.map((construct) => `${violation.ruleName} at ${construct.constructPath}`),
    ),
  );
}
