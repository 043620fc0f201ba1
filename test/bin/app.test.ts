// `npx cdk synth` of the real app: what `cdk deploy --all` selects, named sandboxes, and a clean cdk-nag report.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { cdkSynth, readManifest, type SynthResult, stackNames } from "../support/cdk-cli";
import { unacknowledgedFindings } from "../support/nag-findings";
import { requireTool } from "../support/required-tool";

const CDK_JSON = JSON.parse(readFileSync("cdk.json", "utf8"));

let synth: SynthResult;
beforeAll(() => {
  synth = cdkSynth();
}, 300_000);

describe("npx cdk synth", () => {
  it("succeeds with no AWS credentials and prints no errors", () => {
    expect(synth.status, synth.output).toBe(0);
    expect(synth.output).not.toMatch(/error/i);
  });

  it("puts exactly the sandbox's three stacks at the top level, which is what `cdk deploy --all` deploys", () => {
    // The CLI's --all selects the main assembly's stacks only (StackSelectionStrategy.MAIN_ASSEMBLY).
    expect(stackNames(synth.outdir).sort()).toEqual([
      "UserManagementSandbox-ChatbotAPI",
      "UserManagementSandbox-UsersAPI",
      "UserManagementSandbox-UsersUI",
    ]);
  });

  it("still includes the toolchain, in its own stage, with production inside its pipeline", () => {
    const toolchainAssembly = join(synth.outdir, "assembly-Toolchain");
    expect(stackNames(toolchainAssembly)).toEqual(["UserManagementToolchain"]);
    const productionAssembly = join(
      toolchainAssembly,
      "assembly-Toolchain-UserManagementToolchain-Production",
    );
    expect(stackNames(productionAssembly).sort()).toEqual([
      "UserManagementProduction-ChatbotAPI",
      "UserManagementProduction-UsersAPI",
      "UserManagementProduction-UsersUI",
    ]);
  });

  it("leaves no AWS Solutions finding unacknowledged, in any stack, the pipeline's included", () => {
    const findings = unacknowledgedFindings(synth.outdir);
    expect(findings).toEqual([]);
  });

  it("passes cfn-lint on every template", (context) => {
    requireTool(context, "cfn-lint", "pipx install cfn-lint, or run .ci/run, which installs it");
    const templates = templateFiles(synth.outdir);
    expect(templates.length).toBe(7);

    // W3005 (a DependsOn that a GetAtt already implies) is how aws-cdk-lib orders a function after its role's
    // policy; it is redundant, not wrong. Every other warning fails the test like an error.
    const lint = spawnSync(
      "cfn-lint",
      ["--format", "parseable", "--ignore-checks", "W3005", "--", ...templates],
      {
        encoding: "utf8",
      },
    );

    // Exit codes are bit flags: 2 = errors, 4 = warnings, 8 = informational. Errors and warnings both fail.
    expect(lint.stdout + lint.stderr).toBe("");
    expect(lint.status).toBe(0);
  }, 180_000);
});

describe("npx cdk synth -c sandbox=<name>", () => {
  it("deploys a separate copy under UserManagementSandbox-<name>", () => {
    const named = runApp({ sandbox: "alice" });

    expect(named.status, named.output).toBe(0);
    expect(stackNames(named.outdir).sort()).toEqual([
      "UserManagementSandbox-alice-ChatbotAPI",
      "UserManagementSandbox-alice-UsersAPI",
      "UserManagementSandbox-alice-UsersUI",
    ]);
  }, 180_000);

  it("refuses a name that can't be part of a stack name, saying why", () => {
    const invalid = runApp({ sandbox: "bob_smith!" });

    expect(invalid.status).not.toBe(0);
    expect(invalid.output).toContain('Invalid sandbox name "bob_smith!"');
  }, 180_000);
});

/** Runs bin/app.ts as the CLI does (cdk.json's context and the output directory in the environment), without bundling. */
function runApp(context: Record<string, string>): SynthResult {
  const outdir = mkdtempSync(join(tmpdir(), "cdk-app-"));
  const result = spawnSync(process.execPath, ["--import", "tsx", "bin/app.ts"], {
    encoding: "utf8",
    env: {
      ...process.env,
      CDK_OUTDIR: outdir,
      CDK_CONTEXT_JSON: JSON.stringify({ ...CDK_JSON.context, ...context, "aws:cdk:bundling-stacks": [] }),
    },
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}`, outdir };
}

function templateFiles(assemblyDir: string): string[] {
  const here = readdirSync(assemblyDir)
    .filter((file) => file.endsWith(".template.json"))
    .map((file) => join(assemblyDir, file));
  const nested = Object.values(readManifest(assemblyDir).artifacts)
    .filter((artifact) => artifact.type === "cdk:cloud-assembly")
    .flatMap((artifact) => templateFiles(join(assemblyDir, artifact.properties?.directoryName ?? "")));
  return [...here, ...nested];
}
