// The pipeline and its production stage: what production runs with, and how the smoke test is fed.

import { execSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import type { Stack } from "aws-cdk-lib";
import { Stage, Validations } from "aws-cdk-lib";
import { Match, Template } from "aws-cdk-lib/assertions";
import * as iam from "aws-cdk-lib/aws-iam";
import type { IConstruct } from "constructs";
import { beforeAll, describe, expect, it } from "vitest";
import { GITHUB_SOURCE, TOOLCHAIN_ENV } from "../constants";
import { Toolchain } from "../toolchain";
import { testApp } from "./support/cdk-app";
import { NO_GIT_SKIP, skipWithoutGitHistory } from "./support/git-history";

let toolchain: Toolchain;
let pipeline: Template;
let production: { usersApi: Template; chatbotApi: Template; usersUi: Template };
beforeAll(() => {
  toolchain = new Toolchain(new Stage(testApp(), "Toolchain"), "UserManagementToolchain", {
    env: TOOLCHAIN_ENV,
  });
  pipeline = Template.fromStack(toolchain);
  const { usersApi, chatbotApi, usersUi } = toolchain.production.workload;
  production = {
    usersApi: Template.fromStack(usersApi),
    chatbotApi: Template.fromStack(chatbotApi),
    usersUi: Template.fromStack(usersUi),
  };
});

const allTemplates = () => [pipeline, production.usersApi, production.chatbotApi, production.usersUi];

describe("the production stage", () => {
  it("deploys the three component stacks to the production account, the UI after both APIs", () => {
    const { usersApi, chatbotApi, usersUi } = toolchain.production.workload;
    expect([usersApi, chatbotApi, usersUi].map((stack) => stack.stackName)).toEqual([
      "UserManagementProduction-UsersAPI",
      "UserManagementProduction-ChatbotAPI",
      "UserManagementProduction-UsersUI",
    ]);
    for (const stack of [usersApi, chatbotApi, usersUi]) expect(stack.account).toBe("222222222222");
    expect(usersUi.dependencies.map((stack: Stack) => stack.stackName).sort()).toEqual([
      "UserManagementProduction-ChatbotAPI",
      "UserManagementProduction-UsersAPI",
    ]);
    const deployActions = pipelineActions()
      .filter(
        (action) => action.ActionTypeId.Provider === "CloudFormation" && action.Name.endsWith(".Deploy"),
      )
      .map((action) => [action.Name.replace(".Deploy", ""), action.RunOrder]);
    const order = Object.fromEntries(deployActions);
    expect(order["UserManagementProduction-UsersUI"]).toBeGreaterThan(
      order["UserManagementProduction-UsersAPI"],
    );
    expect(order["UserManagementProduction-UsersUI"]).toBeGreaterThan(
      order["UserManagementProduction-ChatbotAPI"],
    );
  });

  it("keeps the table: retained, deletion-protected, point-in-time recovery, provisioned with auto scaling", () => {
    production.usersApi.hasResource("AWS::DynamoDB::Table", {
      DeletionPolicy: "Retain",
      Properties: Match.objectLike({
        DeletionProtectionEnabled: true,
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        ProvisionedThroughput: Match.anyValue(),
      }),
    });
    expect(
      production.usersApi.toJSON().Resources.DatabaseTableF104A135.Properties.BillingMode,
    ).toBeUndefined();
    // Read and write, for the table and for each of its two indexes (the list and the search).
    production.usersApi.resourceCountIs("AWS::ApplicationAutoScaling::ScalableTarget", 6);
  });

  it("reserves 10 concurrent executions for the Users API", () => {
    production.usersApi.hasResourceProperties("AWS::Lambda::Function", { ReservedConcurrentExecutions: 10 });
  });

  it("wires every alarm to the alarm topic", () => {
    const alarms = Object.values(production.usersApi.findResources("AWS::CloudWatch::Alarm"));
    expect(alarms.length).toBeGreaterThan(0);
    for (const alarm of alarms)
      expect(alarm.Properties.AlarmActions).toEqual([
        { Ref: expect.stringMatching(/^MonitoringAlarmTopic/) },
      ]);
  });

  it("sets a retention on every log group in every stack, a year in production", () => {
    for (const template of allTemplates()) {
      for (const group of Object.values(template.findResources("AWS::Logs::LogGroup"))) {
        expect(group.Properties.RetentionInDays).toBeDefined();
      }
    }
    for (const template of [production.usersApi, production.chatbotApi, production.usersUi]) {
      for (const group of Object.values(template.findResources("AWS::Logs::LogGroup"))) {
        expect(group.Properties.RetentionInDays).toBe(365);
        expect(group.DeletionPolicy).toBe("Retain");
      }
    }
  });

  it("allows nothing to a wildcard principal (denying to everyone, as TLS-only policies do, is fine)", () => {
    const wildcardAllows = allTemplates().flatMap((template) =>
      policyStatements(template.toJSON()).filter(
        (statement) =>
          statement.Effect === "Allow" &&
          (statement.Principal === "*" || JSON.stringify(statement.Principal ?? {}).includes('"*"')),
      ),
    );
    expect(wildcardAllows).toEqual([]);
  });
});

describe("the pipeline", () => {
  it("synthesizes from the GitHub connection with the README's test command before cdk synth", () => {
    const source = pipelineActions().find(
      (action) => action.ActionTypeId.Provider === "CodeStarSourceConnection",
    );
    expect(source.Configuration).toMatchObject({
      FullRepositoryId: "your-github-owner/user-management",
      BranchName: "main",
      ConnectionArn: expect.stringContaining(":connection/"),
      // A clone with its history, not a zip of the files: what `npm run diff` and its tests need.
      OutputArtifactFormat: "CODEBUILD_CLONE_REF",
    });
    pipeline.hasResourceProperties("AWS::CodeBuild::Project", {
      Source: { BuildSpec: Match.stringLikeRegexp('"bash \\.ci/run",\\s*"npx cdk synth"') },
    });
  });

  it("builds on Node.js 24, the version Lambda runs the functions on", () => {
    const images = Object.values(pipeline.findResources("AWS::CodeBuild::Project")).map(
      (project) => project.Properties.Environment.Image,
    );
    expect(images.length).toBeGreaterThan(0);
    for (const image of images) expect(image).toBe("public.ecr.aws/docker/library/node:24-bookworm");
  });

  it("lets every role that uses the GitHub connection use it under the ARN's own prefix, codeconnections", () => {
    const connectionArn = GITHUB_SOURCE.connectionArn;
    expect(connectionArn).toMatch(/^arn:aws:codeconnections:/);
    const grantedBy = (action: string) =>
      Object.values(pipeline.findResources("AWS::IAM::Policy"))
        .filter((policy) =>
          (
            policy.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[]
          ).some(
            (statement) => [statement.Action].flat().includes(action) && statement.Resource === connectionArn,
          ),
        )
        .flatMap((policy) => policy.Properties.Roles.map((role: { Ref: string }) => role.Ref))
        .sort();
    const roles = grantedBy("codeconnections:UseConnection");

    // The source action's role, and the two CodeBuild projects that clone the source: Synth and SmokeTest.
    expect(roles).toEqual(grantedBy("codestar-connections:UseConnection"));
    expect(roles).toEqual([sourceActionRole(), projectRole("/Synth"), projectRole("/SmokeTest")].sort());
  });

  it("runs the CDK CLI version that package.json pins", async () => {
    const { devDependencies } = (await import("../package.json", { with: { type: "json" } })).default;
    pipeline.hasResourceProperties("AWS::CodeBuild::Project", {
      Source: {
        BuildSpec: Match.stringLikeRegexp(`aws-cdk@${devDependencies["aws-cdk"].replace(/\./g, "\\.")}`),
      },
    });
  });

  it("publishes assets with the cdk-assets version that package.json pins", async () => {
    const { devDependencies } = (await import("../package.json", { with: { type: "json" } })).default;
    const assetProjects = Object.values(pipeline.findResources("AWS::CodeBuild::Project")).filter((project) =>
      String(project.Properties.Description ?? "").includes("/Pipeline/Assets/"),
    );
    expect(assetProjects.length).toBeGreaterThan(0);
    for (const project of assetProjects) {
      expect(project.Properties.Source.BuildSpec).toContain(
        `"npm install -g cdk-assets@${devDependencies["cdk-assets"]}"`,
      );
    }
  });

  it("acknowledges each `Resource: *` statement on its own role, with a reason naming its actions", () => {
    const wildcardPolicies = Object.entries(pipeline.findResources("AWS::IAM::Policy")).flatMap(
      ([id, policy]) => {
        const statements: { Action: string | string[]; Resource: unknown }[] =
          policy.Properties.PolicyDocument.Statement;
        const actions = statements
          .filter((statement) => [statement.Resource].flat().includes("*"))
          .flatMap((statement) => [statement.Action].flat());
        return actions.length ? [{ id, actions }] : [];
      },
    );
    expect(wildcardPolicies.length).toBeGreaterThan(0);

    for (const { id, actions } of wildcardPolicies) {
      const policy = toolchain.node
        .findAll()
        .find(
          (construct) => construct instanceof iam.CfnPolicy && toolchain.getLogicalId(construct) === id,
        ) as iam.CfnPolicy;
      const acknowledgedOn = policy.node.scopes.filter(
        (scope) => wildcardAcknowledgement(scope) !== undefined,
      );
      // On the policy or its role: never on the pipeline or anything else holding other policies.
      expect(acknowledgedOn.map((scope) => scope.node.path)).toEqual([
        expect.stringMatching(/Role(\/DefaultPolicy(\/Resource)?)?$/),
      ]);
      const reason = wildcardAcknowledgement(acknowledgedOn[0]) ?? "";
      for (const action of actions) expect(reason, `${id}: ${action}`).toContain(action);
    }
  });

  it("its test command passes on a source archive without .git, skipping with its reason what needs history", (context) => {
    skipWithoutGitHistory(context);
    // What CodePipeline's zip holds: the committed files, no `.git`. Only the tests that use git run in it.
    const archive = mkdtempSync(join(tmpdir(), "source-archive-"));
    try {
      execSync(`git archive HEAD | tar -x -C "${archive}"`);
      symlinkSync(resolve("node_modules"), join(archive, "node_modules"));
      const env = Object.fromEntries(
        Object.entries(process.env).filter(([name]) => !name.startsWith("VITEST")),
      );

      const run = spawnSync(
        process.execPath,
        [resolve("node_modules/vitest/vitest.mjs"), "run", ...HISTORY_TESTS],
        {
          cwd: archive,
          encoding: "utf8",
          env: { ...env, GIT_CEILING_DIRECTORIES: dirname(archive) },
          timeout: 120_000,
        },
      );

      expect(run.status, run.stdout + run.stderr).toBe(0);
      expect(run.stdout + run.stderr).toContain(
        `skipped "finds no difference between a clean checkout and its own HEAD`,
      );
      expect(run.stdout + run.stderr).toContain(NO_GIT_SKIP);
    } finally {
      rmSync(archive, { recursive: true, force: true });
    }
  }, 150_000);

  it("encrypts artifacts with a rotated key it can share with production", () => {
    pipeline.hasResourceProperties("AWS::KMS::Key", { EnableKeyRotation: true });
    pipeline.hasResourceProperties("AWS::S3::Bucket", {
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          Match.objectLike({ ServerSideEncryptionByDefault: Match.objectLike({ SSEAlgorithm: "aws:kms" }) }),
        ],
      },
      LoggingConfiguration: Match.objectLike({ DestinationBucketName: Match.anyValue() }),
    });
  });

  it("smoke-tests production after it deploys, with the URLs from the stacks' own outputs", () => {
    const smoke = pipelineActions().find((action) => action.Name === "SmokeTest");
    const env = JSON.parse(smoke.Configuration.EnvironmentVariables) as { name: string; value: string }[];
    const byName = Object.fromEntries(env.map((variable) => [variable.name, variable.value]));
    // CodePipeline variables `#{<stack artifact>.<output>}`, filled in when each stack has deployed.
    expect(byName.USERS_API_URL).toMatch(/^#\{\w*UserManagementProductionUsersAPI\w*\.APIEndpoint\}$/);
    expect(byName.CHATBOT_API_URL).toMatch(/^#\{\w*UserManagementProductionChatbotAPI\w*\.APIEndpoint\}$/);
    expect(byName.USERS_UI_URL).toMatch(/^#\{\w*UserManagementProductionUsersUI\w*\.UIURL\}$/);
    const deploys = pipelineActions().filter((action) => action.Name.endsWith(".Deploy"));
    expect(smoke.RunOrder).toBeGreaterThan(Math.max(...deploys.map((action) => action.RunOrder)));
    pipeline.hasResourceProperties("AWS::CodeBuild::Project", {
      Source: { BuildSpec: Match.stringLikeRegexp("npx tsx bin/smoke-test.ts") },
    });
  });

  it("lets the smoke test sign in as the machine client, its secret read at run time through one role", () => {
    const smoke = pipelineActions().find((action) => action.Name === "SmokeTest");
    const env = JSON.parse(smoke.Configuration.EnvironmentVariables) as { name: string; value: string }[];
    const byName = Object.fromEntries(env.map((variable) => [variable.name, variable.value]));
    expect(byName.TOKEN_ENDPOINT).toMatch(/^#\{\w*UserManagementProductionUsersAPI\w*\.TokenEndpoint\}$/);
    expect(byName.MACHINE_CLIENT_ID).toMatch(
      /^#\{\w*UserManagementProductionUsersAPI\w*\.MachineClientId\}$/,
    );
    expect(byName.USER_POOL_ID).toMatch(/^#\{\w*UserManagementProductionUsersAPI\w*\.UserPoolId\}$/);
    const roleArn =
      "arn:aws:iam::222222222222:role/UserManagementProduction-UsersAPI-eu-west-1-secret-reader";
    expect(resolvedArn(byName.SECRET_READER_ROLE_ARN ?? projectEnvironment().SECRET_READER_ROLE_ARN)).toBe(
      roleArn,
    );
    // No secret anywhere in the pipeline: not in the action's variables, not in the project's.
    expect(JSON.stringify(pipeline.toJSON())).not.toMatch(/CLIENT_SECRET|ClientSecret/);

    const statements = smokeTestRoleStatements();
    const stsStatements = statements.filter((statement) =>
      [statement.Action].flat().some((action) => action.startsWith("sts:")),
    );
    expect(stsStatements.map((statement) => [statement.Action, resolvedArn(statement.Resource)])).toEqual([
      ["sts:AssumeRole", roleArn],
    ]);
    expect(JSON.stringify(statements)).not.toContain("cognito-idp:");
  });

  it("has production's secret reader trust the smoke test's role alone, by the name the role is created with", () => {
    const smokeTestRole = Object.entries(pipeline.findResources("AWS::IAM::Role")).find(
      ([id]) => id === projectRole("/SmokeTest"),
    )?.[1];
    const roleName = smokeTestRole?.Properties.RoleName;
    expect(roleName).toBe(`${toolchain.stackName}-eu-west-1-smoke-test`);

    production.usersApi.hasResourceProperties("AWS::IAM::Role", {
      RoleName: "UserManagementProduction-UsersAPI-eu-west-1-secret-reader",
      AssumeRolePolicyDocument: {
        Statement: [
          {
            Effect: "Allow",
            Action: "sts:AssumeRole",
            Principal: { AWS: "arn:aws:iam::111111111111:root" },
            Condition: { ArnEquals: { "aws:PrincipalArn": `arn:aws:iam::111111111111:role/${roleName}` } },
          },
        ],
      },
    });
  });
});

/** The logical id of the role of the CodeBuild project whose description ends in `suffix`. */
function projectRole(suffix: string): string {
  const project = Object.values(pipeline.findResources("AWS::CodeBuild::Project")).find((candidate) =>
    String(candidate.Properties.Description).endsWith(suffix),
  );
  return project?.Properties.ServiceRole["Fn::GetAtt"][0];
}

/** The logical id of the source action's role. */
function sourceActionRole(): string {
  const source = pipelineActions().find(
    (action) => action.ActionTypeId.Provider === "CodeStarSourceConnection",
  );
  return source.RoleArn["Fn::GetAtt"][0];
}

/** The environment of the smoke test's CodeBuild project. */
function projectEnvironment(): Record<string, unknown> {
  const project = Object.values(pipeline.findResources("AWS::CodeBuild::Project")).find((candidate) =>
    String(candidate.Properties.Description).endsWith("/SmokeTest"),
  );
  return Object.fromEntries(
    (project?.Properties.Environment.EnvironmentVariables ?? []).map(
      (variable: { Name: string; Value: unknown }) => [variable.Name, variable.Value],
    ),
  );
}

/** The statements of the smoke test project's role. */
function smokeTestRoleStatements(): { Action: string | string[]; Resource: unknown }[] {
  const project = Object.values(pipeline.findResources("AWS::CodeBuild::Project")).find((candidate) =>
    String(candidate.Properties.Description).endsWith("/SmokeTest"),
  );
  const role = project?.Properties.ServiceRole["Fn::GetAtt"][0];
  return Object.values(pipeline.findResources("AWS::IAM::Policy"))
    .filter((policy) => policy.Properties.Roles.some((ref: { Ref: string }) => ref.Ref === role))
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement);
}

/** An ARN as the template writes it, with the partition filled in for the commercial regions. */
function resolvedArn(value: unknown): string {
  if (typeof value === "string") return value;
  const join = (value as { "Fn::Join": [string, unknown[]] })["Fn::Join"];
  return join[1].map((part) => (typeof part === "string" ? part : "aws")).join(join[0]);
}

/** The reason of an `IAM5[Resource::*]` acknowledgement made on this very construct, if any. */
function wildcardAcknowledgement(scope: IConstruct): string | undefined {
  for (const entry of scope.node.metadata) {
    if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY) continue;
    const rules = entry.data as Record<string, string>;
    const id = Object.keys(rules).find((rule) => rule.endsWith("AwsSolutions-IAM5[Resource::*]"));
    if (id) return rules[id];
  }
  return undefined;
}

/** The test files that need git history: the ones a source archive would break. */
const HISTORY_TESTS = ["test/bin/diff.test.ts"];

// biome-ignore lint/suspicious/noExplicitAny: CloudFormation's pipeline action shape
function pipelineActions(): any[] {
  const [resource] = Object.values(pipeline.findResources("AWS::CodePipeline::Pipeline"));
  // biome-ignore lint/suspicious/noExplicitAny: as above
  return resource.Properties.Stages.flatMap((stage: any) => stage.Actions);
}

interface Statement {
  Effect: string;
  Principal?: unknown;
}

/** Every statement of every IAM, bucket, key and topic policy in a template. */
function policyStatements(template: Record<string, unknown>): Statement[] {
  const resources = Object.values(template.Resources as object) as { Properties?: Record<string, unknown> }[];
  return resources.flatMap((resource) =>
    ["PolicyDocument", "KeyPolicy", "AssumeRolePolicyDocument"].flatMap(
      (key) => (resource.Properties?.[key] as { Statement?: Statement[] } | undefined)?.Statement ?? [],
    ),
  );
}
