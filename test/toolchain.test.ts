// The pipeline and its production stage: what production runs with, and how the smoke test is fed.

import type { Stack } from "aws-cdk-lib";
import { Stage } from "aws-cdk-lib";
import { Match, Template } from "aws-cdk-lib/assertions";
import { beforeAll, describe, expect, it } from "vitest";
import { TOOLCHAIN_ENV } from "../constants";
import { Toolchain } from "../toolchain";
import { testApp } from "./support/cdk-app";

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
    production.usersApi.resourceCountIs("AWS::ApplicationAutoScaling::ScalableTarget", 4);
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
    });
    pipeline.hasResourceProperties("AWS::CodeBuild::Project", {
      Source: { BuildSpec: Match.stringLikeRegexp('"bash \\.ci/run",\\s*"npx cdk synth"') },
    });
  });

  it("runs the CDK CLI version that package.json pins", async () => {
    const { devDependencies } = (await import("../package.json", { with: { type: "json" } })).default;
    pipeline.hasResourceProperties("AWS::CodeBuild::Project", {
      Source: {
        BuildSpec: Match.stringLikeRegexp(`aws-cdk@${devDependencies["aws-cdk"].replace(/\./g, "\\.")}`),
      },
    });
  });

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
});

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
