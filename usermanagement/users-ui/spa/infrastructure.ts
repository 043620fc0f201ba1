// The single-page app's unit: the private site bucket, and the deployment that builds the SPA at synth time and
// uploads it with its deploy-time settings (`config.json`).
import { AssetHashType, DockerImage, RemovalPolicy, Stack, Token, Validations } from "aws-cdk-lib";
import type * as cloudfront from "aws-cdk-lib/aws-cloudfront";
import * as iam from "aws-cdk-lib/aws-iam";
import * as s3 from "aws-cdk-lib/aws-s3";
import * as s3deploy from "aws-cdk-lib/aws-s3-deployment";
import { Construct } from "constructs";
import { logGroupFor, type Retention } from "../../shared/infrastructure/retention";
import { ASSETS_DIR, buildSpa } from "./build";
import { HASHED_ASSETS_CACHE_CONTROL, UNHASHED_CACHE_CONTROL } from "./cache-control";
import { SPA_CONFIG_PATH, type SpaConfig } from "./config";

export interface SiteBucketProps {
  /** Whether the bucket outlives the stack; a retained one also versions its objects. */
  readonly retention: Retention;
  /**
   * Where S3 server access logs of the bucket go, under `site-bucket/`.
   * @default - no server access logs
   */
  readonly accessLogsBucket?: s3.IBucket;
}

/** The bucket the SPA is served from: private, readable by the distribution only (it grants itself that). */
export class SiteBucket extends Construct {
  readonly bucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: SiteBucketProps) {
    super(scope, id);
    const retain = props.retention.retain;
    this.bucket = new s3.Bucket(this, "Bucket", {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: retain,
      serverAccessLogsBucket: props.accessLogsBucket,
      serverAccessLogsPrefix: props.accessLogsBucket ? "site-bucket/" : undefined,
      ...(retain
        ? { removalPolicy: RemovalPolicy.RETAIN }
        : { removalPolicy: RemovalPolicy.DESTROY, autoDeleteObjects: true }),
    });
    if (!props.accessLogsBucket) {
      Validations.of(this.bucket).acknowledge({
        id: "AwsSolutions-S1",
        reason:
          "A sandbox keeps no server access logs: a log bucket still receiving them fails cdk destroy with " +
          "BucketNotEmpty; the bucket is private and read by the distribution only, whose requests are logged.",
      });
    }
  }
}

export interface SiteDeploymentProps {
  readonly bucket: s3.IBucket;
  /** The distribution serving the bucket, whose cached index.html and config.json each deployment invalidates. */
  readonly distribution: cloudfront.IDistribution;
  /**
   * The SPA's deploy-time settings, uploaded as `config.json`.
   * @default - no config.json is uploaded
   */
  readonly config?: SpaConfig;
  /** How long the deployment function's logs are kept, and whether they outlive the stack. */
  readonly retention: Retention;
}

const SPA_DIR = import.meta.dirname;

/**
 * The SPA, built by esbuild at synth time, in two uploads of one build, each with its caching header; neither
 * prunes, so a browser still holding the previous index.html can load the assets it names.
 */
export class SiteDeployment extends Construct {
  constructor(scope: Construct, id: string, props: SiteDeploymentProps) {
    super(scope, id);
    const site = s3deploy.Source.asset(SPA_DIR, {
      // Hashed by the built site, not by this folder: the build also takes modules from elsewhere (the shared
      // field rules, the APIs' contracts), and this folder holds infrastructure code that never ships.
      assetHashType: AssetHashType.OUTPUT,
      bundling: {
        // Only used if local bundling fails; it never does where `npm ci` ran.
        image: DockerImage.fromRegistry("public.ecr.aws/docker/library/node:24"),
        local: {
          tryBundle(outputDir) {
            buildSpa(outputDir);
            return true;
          },
        },
      },
    });
    const configFile = SPA_CONFIG_PATH.slice(1);
    const runner = deploymentRunner(this, props.retention);
    const assets = new s3deploy.BucketDeployment(this, "Assets", {
      ...runner,
      sources: [site],
      destinationBucket: props.bucket,
      include: [`${ASSETS_DIR}/*`],
      exclude: ["*"],
      cacheControl: [s3deploy.CacheControl.fromString(HASHED_ASSETS_CACHE_CONTROL)],
      prune: false,
    });
    const page = new s3deploy.BucketDeployment(this, "IndexPage", {
      ...runner,
      sources: props.config ? [site, s3deploy.Source.jsonData(configFile, props.config)] : [site],
      destinationBucket: props.bucket,
      include: ["index.html", configFile],
      exclude: ["*"],
      cacheControl: [s3deploy.CacheControl.fromString(UNHASHED_CACHE_CONTROL)],
      prune: false,
      distribution: props.distribution,
      distributionPaths: ["/", "/index.html", SPA_CONFIG_PATH],
    });
    // The page goes live only once the assets it names are in place.
    page.node.addDependency(assets);
    acknowledgeDeploymentFindings(assets, props.bucket);
  }
}

/**
 * The role and log group of the function BucketDeployment runs: a role that may write that log group only,
 * rather than the managed AWSLambdaBasicExecutionRole; the deployments add their S3 grants to it.
 */
function deploymentRunner(scope: Construct, retention: Retention) {
  const logGroup = logGroupFor(scope, "Logs", retention);
  const role = new iam.Role(scope, "Role", {
    assumedBy: new iam.ServicePrincipal("lambda.amazonaws.com"),
    description: "Copies the built SPA into the site bucket and invalidates the distribution",
  });
  logGroup.grantWrite(role);
  return { role, logGroup };
}

/** What BucketDeployment's own grants and provider raise, each acknowledged with its reason. */
function acknowledgeDeploymentFindings(deployment: s3deploy.BucketDeployment, bucket: s3.IBucket): void {
  const stack = Stack.of(deployment);
  const bucketLogicalId = stack.getLogicalId(bucket.node.defaultChild as s3.CfnBucket);
  for (const id of [
    "AwsSolutions-IAM5[Action::s3:GetObject*]",
    "AwsSolutions-IAM5[Action::s3:GetBucket*]",
    "AwsSolutions-IAM5[Action::s3:List*]",
    "AwsSolutions-IAM5[Action::s3:DeleteObject*]",
    "AwsSolutions-IAM5[Action::s3:Abort*]",
    `AwsSolutions-IAM5[Resource::<${bucketLogicalId}.Arn>/*]`,
  ]) {
    Validations.of(deployment.handlerRole).acknowledge({
      id,
      reason: "BucketDeployment's own grants: it syncs every object of the built SPA into the site bucket.",
    });
  }
  Validations.of(deployment.handlerRole).acknowledge({
    id: "AwsSolutions-IAM5[Resource::*]",
    reason:
      "cloudfront:CreateInvalidation/GetInvalidation, which IAM does not scope below a distribution ARN pattern here.",
  });
  // The staging bucket of CDK's bootstrap, named per account and region; the parts known at synth are rendered.
  const known = (value: string, placeholder: string) => (Token.isUnresolved(value) ? placeholder : value);
  const partition = Token.isUnresolved(stack.region) ? "<AWS::Partition>" : "aws";
  const assetBucket =
    `arn:${partition}:s3:::cdk-hnb659fds-assets-${known(stack.account, "<AWS::AccountId>")}-` +
    `${known(stack.region, "<AWS::Region>")}/*`;
  Validations.of(deployment.handlerRole).acknowledge({
    id: `AwsSolutions-IAM5[Resource::${assetBucket}]`,
    reason:
      "BucketDeployment reads the zipped SPA from CDK's asset bucket, whose object keys are content hashes.",
  });
  // BucketDeployment's provider is a singleton function placed in the stack itself.
  const provider = stack.node.children.find((child) =>
    child.node.id.startsWith("Custom::CDKBucketDeployment"),
  );
  if (provider) {
    Validations.of(provider).acknowledge({
      id: "AwsSolutions-L1",
      reason:
        "BucketDeployment's provider function; aws-cdk-lib chooses its runtime, with the CLI it bundles.",
    });
  }
}
