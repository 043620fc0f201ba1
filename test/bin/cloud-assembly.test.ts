// Reading a synthesized assembly: the stacks of nested stages too, the acknowledgements in the metadata, the
// staged assets' sizes.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Stack, Stage, Validations } from "aws-cdk-lib";
import * as lambda from "aws-cdk-lib/aws-lambda";
import * as sns from "aws-cdk-lib/aws-sns";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findTemplate, readStacks, type StackSnapshot } from "../../bin/cloud-assembly";
import { testApp } from "../support/cdk-app";

const HANDLER = "exports.handler = async () => 'x'.repeat(1000);\n";

let workDir: string;
let assemblyDir: string;
let stacks: StackSnapshot[];

beforeAll(() => {
  workDir = mkdtempSync(join(tmpdir(), "cloud-assembly-"));
  writeFileSync(join(workDir, "index.js"), HANDLER);
  const app = testApp();
  const sandbox = new Stack(app, "Acme-Api", { stackName: "Acme-Api" });
  const topic = new sns.Topic(sandbox, "Alarms");
  Validations.of(topic).acknowledge({ id: "AwsSolutions-SNS3", reason: "a test topic" });
  const production = new Stage(app, "Production");
  const stack = new Stack(production, "Acme-Api", { stackName: "AcmeProduction-Api" });
  new lambda.Function(stack, "Handler", {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: "index.handler",
    code: lambda.Code.fromAsset(workDir),
  });
  assemblyDir = app.synth().directory;
  stacks = readStacks(assemblyDir);
});

afterAll(() => {
  rmSync(workDir, { recursive: true, force: true });
  if (assemblyDir) rmSync(assemblyDir, { recursive: true, force: true });
});

describe("readStacks", () => {
  it("lists the top level's stacks, then each stage's, by hierarchical id and stack name", () => {
    expect(stacks.map(({ id, stackName }) => ({ id, stackName }))).toEqual([
      { id: "Acme-Api", stackName: "Acme-Api" },
      { id: "Production/Acme-Api", stackName: "AcmeProduction-Api" },
    ]);
    expect(stacks[1]?.template.Resources).toBeDefined();
  });

  it("reads acknowledgements from the metadata, with the construct path relative to the stack", () => {
    expect(stacks[0]?.acknowledgements).toEqual([
      { path: "Alarms", rule: "AwsSolutions-SNS3", reason: "a test topic" },
    ]);
  });

  it("measures a staged asset of a nested stage, leaving out the stack's own template", () => {
    const [asset, ...others] = stacks[1]?.assets ?? [];

    expect(others).toEqual([]);
    expect(asset?.name).toBe("Handler/Code");
    expect(asset?.bytes).toBe(Buffer.byteLength(HANDLER));
    expect(asset?.destinations).toHaveLength(1);
  });
});

describe("findTemplate", () => {
  it("finds a stack by stack name or hierarchical id, in a nested assembly too", () => {
    expect(findTemplate(assemblyDir, "AcmeProduction-Api")).toMatch(/ProductionAcmeApi\w*\.template\.json$/);
    expect(findTemplate(assemblyDir, "Production/Acme-Api")).toBe(
      findTemplate(assemblyDir, "AcmeProduction-Api"),
    );
    expect(findTemplate(assemblyDir, "Nope")).toBeUndefined();
  });
});
