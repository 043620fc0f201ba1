// Delivery: a CDK Pipelines pipeline that builds and tests this repository, then deploys the workload to
// production and smoke-tests the deployment through the stacks' own outputs.
import { readFileSync } from "node:fs";
import {
  Arn,
  ArnFormat,
  Duration,
  RemovalPolicy,
  Stack,
  type StackProps,
  Stage,
  type StageProps,
  Validations,
} from "aws-cdk-lib";
import * as codebuild from "aws-cdk-lib/aws-codebuild";
import * as dynamodb from "aws-cdk-lib/aws-dynamodb";
import * as iam from "aws-cdk-lib/aws-iam";
import * as kms from "aws-cdk-lib/aws-kms";
import * as s3 from "aws-cdk-lib/aws-s3";
import * as pipelines from "aws-cdk-lib/pipelines";
import type { Construct, IConstruct } from "constructs";
import { APP_NAME, GITHUB_SOURCE, PRODUCTION_ENV } from "./constants";
import { smokeTestSecretReaderRoleName } from "./usermanagement/users-api/identity/infrastructure";
import { UserManagement } from "./usermanagement/workload";

/** A tool's version as `package.json` pins it: the pipeline runs the CLIs developers run. */
const devDependencyVersion = (name: string): string =>
  JSON.parse(readFileSync(new URL("./package.json", import.meta.url), "utf8")).devDependencies[name];

/**
 * Debian with Node.js 24, the version Lambda runs the functions on (nodejs24.x; Node 20 reached its end of life
 * in April 2026), like the machines CI runs on: `.ci/run` installs Java (DynamoDB Local) and Chromium (browser
 * tests) with apt. Public ECR, so builds are not rate-limited by Docker Hub.
 */
const BUILD_IMAGE = codebuild.LinuxArmBuildImage.fromDockerRegistry(
  "public.ecr.aws/docker/library/node:24-bookworm",
);

export interface ToolchainProps extends StackProps {
  /** Where production is deployed. @default PRODUCTION_ENV from constants.ts */
  readonly productionEnv?: StageProps["env"];
}

export class Toolchain extends Stack {
  readonly pipeline: pipelines.CodePipeline;
  readonly production: ProductionStage;

  constructor(scope: Construct, id: string, props: ToolchainProps = {}) {
    super(scope, id, props);
    const source = pipelines.CodePipelineSource.connection(
      `${GITHUB_SOURCE.owner}/${GITHUB_SOURCE.repository}`,
      GITHUB_SOURCE.branch,
      {
        connectionArn: GITHUB_SOURCE.connectionArn,
        // A real clone, not CodePipeline's zip of the files: `npm run diff` and its tests need git history.
        codeBuildCloneOutput: true,
      },
    );

    this.pipeline = new pipelines.CodePipeline(this, "Pipeline", {
      pipelineName: APP_NAME,
      // Production is another account: its deployments need the artifacts encrypted with a key shared with it.
      artifactBucket: artifactBucket(this),
      cliVersion: devDependencyVersion("aws-cdk"),
      cdkAssetsCliVersion: devDependencyVersion("cdk-assets"),
      synth: new pipelines.ShellStep("Synth", {
        input: source,
        // `.ci/run` is `npm ci` plus the README's test command (with the system packages it needs).
        commands: ["bash .ci/run", "npx cdk synth"],
        env: { CDK_DISABLE_VERSION_CHECK: "1" },
      }),
      codeBuildDefaults: {
        buildEnvironment: { buildImage: BUILD_IMAGE, computeType: codebuild.ComputeType.MEDIUM },
      },
    });

    // The smoke test's role has a name known before it exists: production's secret reader trusts it alone.
    const smokeTestRoleName = `${this.stackName}-${this.region}-smoke-test`;
    this.production = new ProductionStage(this, "Production", {
      env: props.productionEnv ?? PRODUCTION_ENV,
      smokeTestRole: { account: this.account, roleName: smokeTestRoleName },
    });
    const smokeTestRole = new iam.Role(this.pipeline, "SmokeTestRole", {
      roleName: smokeTestRoleName,
      assumedBy: new iam.ServicePrincipal("codebuild.amazonaws.com"),
      description:
        "Runs the smoke test against production; may read the machine client's secret through production",
    });
    this.pipeline.addStage(this.production, {
      post: [smokeTestStep(this, source, this.production, smokeTestRole)],
    });
    // Build now rather than at synthesis, so the pipeline's resources exist when the AWS Solutions checks run.
    this.pipeline.buildPipeline();
    grantConnectionUnderItsOwnPrefix(this, GITHUB_SOURCE.connectionArn);
    acknowledgePipelineFindings(this, this.pipeline);
  }
}

/**
 * CDK grants `codestar-connections:UseConnection` wherever a role uses the source connection (the source action's
 * role, and every CodeBuild project that clones the source: Synth, SmokeTest). IAM matches an action's prefix
 * against the connection's own service ("the service prefix needs to match that of the resource", CodeConnections
 * resource-based permissions), so a `codeconnections` ARN also needs `codeconnections:UseConnection`: added to
 * each of those statements' policies, the legacy grant kept for a `codestar-connections` ARN.
 */
function grantConnectionUnderItsOwnPrefix(toolchain: Stack, connectionArn: string): void {
  const { service } = Arn.split(connectionArn, ArnFormat.SLASH_RESOURCE_NAME);
  if (service === LEGACY_CONNECTIONS_PREFIX) return;
  const legacy = `${LEGACY_CONNECTIONS_PREFIX}:UseConnection`;
  const policies = toolchain.node
    .findAll()
    .filter((c): c is iam.Policy => c instanceof iam.Policy && Stack.of(c) === toolchain);
  for (const policy of policies) {
    if (!JSON.stringify(toolchain.resolve(policy.document)).includes(`"${legacy}"`)) continue;
    policy.addStatements(
      new iam.PolicyStatement({ actions: [`${service}:UseConnection`], resources: [connectionArn] }),
    );
  }
}

const LEGACY_CONNECTIONS_PREFIX = "codestar-connections";

/**
 * Runs `bin/smoke-test.ts` against production once it has deployed. It signs in as the machine client: the
 * client's secret never enters a template, the project's environment or a log; the script reads it at run time
 * through the one role it may assume, which may only describe the pool's clients.
 */
function smokeTestStep(
  toolchain: Stack,
  source: pipelines.IFileSetProducer,
  production: ProductionStage,
  role: iam.IRole,
): pipelines.CodeBuildStep {
  const { usersApi, chatbotApi, usersUi } = production.workload;
  const secretReaderRoleArn = toolchain.formatArn({
    service: "iam",
    region: "",
    account: usersApi.account,
    resource: "role",
    resourceName: smokeTestSecretReaderRoleName(usersApi.stackName, usersApi.region),
  });
  return new pipelines.CodeBuildStep("SmokeTest", {
    input: source,
    role,
    envFromCfnOutputs: {
      USERS_API_URL: usersApi.apiEndpointOutput,
      CHATBOT_API_URL: chatbotApi.apiEndpointOutput,
      USERS_UI_URL: usersUi.urlOutput,
      TOKEN_ENDPOINT: usersApi.tokenEndpointOutput,
      MACHINE_CLIENT_ID: usersApi.machineClientIdOutput,
      USER_POOL_ID: usersApi.userPoolIdOutput,
    },
    env: { SECRET_READER_ROLE_ARN: secretReaderRoleArn },
    rolePolicyStatements: [
      new iam.PolicyStatement({ actions: ["sts:AssumeRole"], resources: [secretReaderRoleArn] }),
    ],
    installCommands: ["npm ci --no-audit --no-fund"],
    commands: ["npx tsx bin/smoke-test.ts"],
  });
}

/** The pipeline's artifact store: KMS-encrypted (a key the production account can be granted), TLS only, logged. */
function artifactBucket(scope: Construct): s3.Bucket {
  const secure = {
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    enforceSSL: true,
    removalPolicy: RemovalPolicy.RETAIN,
  };
  const accessLogs = new s3.Bucket(scope, "ArtifactsAccessLogs", {
    ...secure,
    encryption: s3.BucketEncryption.S3_MANAGED,
    lifecycleRules: [{ expiration: Duration.days(365) }],
  });
  Validations.of(accessLogs).acknowledge({
    id: "AwsSolutions-S1",
    reason: "This is the access-log bucket of the artifact bucket; logging its own access would recurse.",
  });
  return new s3.Bucket(scope, "Artifacts", {
    ...secure,
    encryptionKey: new kms.Key(scope, "ArtifactsKey", {
      description: "Encrypts the pipeline's artifacts; shared with the accounts it deploys to",
      enableKeyRotation: true,
    }),
    serverAccessLogsBucket: accessLogs,
  });
}

/**
 * The AWS Solutions findings on what CDK Pipelines generates. Each is a grant CDK Pipelines makes to its own
 * roles, scoped to the pipeline's bucket, key, CodeBuild projects or the bootstrap roles; none can be narrowed
 * without rewriting the construct.
 */
function acknowledgePipelineFindings(stack: Stack, pipeline: pipelines.CodePipeline): void {
  const acknowledge = (finding: string, reason: string) =>
    Validations.of(pipeline).acknowledge({ id: `AwsSolutions-${finding}`, reason });
  for (const action of ["s3:Abort*", "s3:DeleteObject*", "s3:GetBucket*", "s3:GetObject*", "s3:List*"]) {
    acknowledge(`IAM5[Action::${action}]`, "Read/write of pipeline artifacts, on the artifact bucket only.");
  }
  acknowledge(
    `IAM5[Resource::<${stack.getLogicalId(pipeline.pipeline.artifactBucket.node.defaultChild as s3.CfnBucket)}.Arn>/*]`,
    "Artifacts are objects with generated keys in the pipeline's own bucket.",
  );
  for (const action of ["kms:GenerateDataKey*", "kms:ReEncrypt*"]) {
    acknowledge(`IAM5[Action::${action}]`, "Encrypting artifacts, on the artifact key only.");
  }
  const { account, region } = stack;
  for (const project of pipeline.node
    .findAll()
    .filter((c): c is codebuild.CfnProject => c instanceof codebuild.CfnProject)) {
    const id = stack.getLogicalId(project);
    acknowledge(
      `IAM5[Resource::arn:aws:logs:${region}:${account}:log-group:/aws/codebuild/<${id}>:*]`,
      "The log streams of this CodeBuild project's own log group.",
    );
    acknowledge(
      `IAM5[Resource::arn:aws:codebuild:${region}:${account}:report-group/<${id}>-*]`,
      "The test report groups of this CodeBuild project.",
    );
  }
  acknowledge(
    `IAM5[Resource::arn:aws:logs:${region}:${account}:log-group:/aws/codebuild/*]`,
    "Asset publishing projects are created per asset; their shared role writes each one's log group.",
  );
  acknowledge(
    `IAM5[Resource::arn:aws:codebuild:${region}:${account}:report-group/*]`,
    "Asset publishing projects are created per asset; their shared role writes each one's report group.",
  );
  acknowledge(
    `IAM5[Resource::arn:*:iam::${account}:role/*]`,
    "Self-mutation assumes the CDK bootstrap roles (cdk-*-deploy-role and the like) to deploy the pipeline.",
  );
  acknowledgeWildcardResources(pipeline);
  acknowledge(
    "CB5",
    "A Debian Node.js image: the build installs Java and Chromium with apt for the test suite, like CI does.",
  );
}

/**
 * The two policies CDK Pipelines writes with `Resource: *`, each acknowledged on its own role with the actions
 * it allows there, so that a new wildcard statement elsewhere in the pipeline is a finding again.
 */
function acknowledgeWildcardResources(pipeline: pipelines.CodePipeline): void {
  const wildcard = (role: IConstruct | undefined, reason: string) => {
    if (!role) throw new Error("CDK Pipelines no longer creates a role this acknowledgement is about");
    Validations.of(role).acknowledge({ id: "AwsSolutions-IAM5[Resource::*]", reason });
  };
  wildcard(
    pipeline.selfMutationProject.role,
    "cloudformation:DescribeStacks and s3:ListBucket: self-mutation looks up the bootstrap stack and its " +
      "bucket by name before assuming the bootstrap roles, which hold the real permissions.",
  );
  wildcard(
    pipeline.node.tryFindChild("Assets")?.node.tryFindChild("FileRole"),
    "codebuild:BatchGetBuilds, codebuild:StartBuild and codebuild:StopBuild: the asset-publishing actions " +
      "run one CodeBuild project per asset, and CDK Pipelines' shared asset role grants these on `*` rather " +
      "than one statement per project, to stay under IAM's policy size limit.",
  );
}

export interface ProductionStageProps extends StageProps {
  /** The pipeline's smoke-test role (account and name): the one principal that may read the machine client's secret. */
  readonly smokeTestRole: { readonly account: string; readonly roleName: string };
}

/** Production: the workload with production settings, its stacks deployed in dependency order. */
export class ProductionStage extends Stage {
  readonly workload: UserManagement;

  constructor(scope: Construct, id: string, props: ProductionStageProps) {
    super(scope, id, props);
    this.workload = new UserManagement(this, {
      stackNamespace: `${APP_NAME}Production`,
      usersApiReservedConcurrency: 10,
      databaseBillingMode: dynamodb.BillingMode.PROVISIONED,
      production: true,
      smokeTestRole: props.smokeTestRole,
    });
  }
}
