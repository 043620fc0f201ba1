// The Users UI component: the single-page app in a private bucket behind CloudFront, which also routes
// `/api/users*` and `/api/chat*` to the two API components, so the browser only ever talks to one origin.
import * as path from "node:path";
import {
  CfnOutput,
  DockerImage,
  Duration,
  Fn,
  RemovalPolicy,
  Stack,
  type StackProps,
  Token,
  Validations,
} from "aws-cdk-lib";
import * as acm from "aws-cdk-lib/aws-certificatemanager";
import * as cloudfront from "aws-cdk-lib/aws-cloudfront";
import * as origins from "aws-cdk-lib/aws-cloudfront-origins";
import * as iam from "aws-cdk-lib/aws-iam";
import * as logs from "aws-cdk-lib/aws-logs";
import * as s3 from "aws-cdk-lib/aws-s3";
import * as s3deploy from "aws-cdk-lib/aws-s3-deployment";
import type { Construct } from "constructs";
import { ASSETS_DIR, buildSpa } from "./spa/build";
import {
  CONTENT_SECURITY_POLICY,
  HASHED_ASSETS_CACHE_CONTROL,
  UNHASHED_CACHE_CONTROL,
} from "./spa/http-headers";

export interface UsersUIProps extends StackProps {
  /** Base URL of the Users API (from the Users API stack), e.g. `https://abc.execute-api.eu-west-1.amazonaws.com/`. */
  readonly usersApiEndpoint: string;
  /** Base URL of the Chatbot API (from the Chatbot API stack). */
  readonly chatbotApiEndpoint: string;
  /**
   * A custom domain for the distribution, with the ARN of its ACM certificate (in us-east-1). Only with a certificate of its
   * own can a distribution require TLS 1.2 or later: the default `*.cloudfront.net` certificate is fixed at TLSv1.
   * @default - the distribution's `*.cloudfront.net` domain
   */
  readonly customDomain?: { readonly domainName: string; readonly certificateArn: string };
  /**
   * Retain the site and log buckets when the stack is deleted.
   * @default false - a sandbox: buckets and their objects are deleted with the stack
   */
  readonly production?: boolean;
}

const SPA_DIR = path.join(import.meta.dirname, "spa");

export class UsersUI extends Stack {
  /** The UI's URL, e.g. `https://d1234.cloudfront.net/`. */
  readonly url: string;
  /** The output holding `url`, for consumers outside CloudFormation (the pipeline's smoke test). */
  readonly urlOutput: CfnOutput;
  readonly distribution: cloudfront.Distribution;

  constructor(scope: Construct, id: string, props: UsersUIProps) {
    super(scope, id, props);
    const production = props.production ?? false;
    const bucketLifecycle = production
      ? { removalPolicy: RemovalPolicy.RETAIN }
      : { removalPolicy: RemovalPolicy.DESTROY, autoDeleteObjects: true };

    // Access logs of the site bucket and the distribution. CloudFront's standard logs need ACLs on the bucket.
    const logBucket = new s3.Bucket(this, "LogBucket", {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ expiration: Duration.days(production ? 365 : 30) }],
      ...bucketLifecycle,
    });
    const siteBucket = new s3.Bucket(this, "SiteBucket", {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: production,
      serverAccessLogsBucket: logBucket,
      serverAccessLogsPrefix: "site-bucket/",
      ...bucketLifecycle,
    });

    const securityHeaders = new cloudfront.ResponseHeadersPolicy(this, "SecurityHeaders", {
      comment: "Security headers of the Users UI and its APIs",
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: CONTENT_SECURITY_POLICY, override: true },
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(730),
          includeSubdomains: true,
          override: true,
        },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
        referrerPolicy: {
          referrerPolicy: cloudfront.HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN,
          override: true,
        },
      },
    });
    // Honour the Cache-Control each object was uploaded with: a year for hashed assets, none for index.html.
    const siteCachePolicy = new cloudfront.CachePolicy(this, "SiteCachePolicy", {
      comment: "Cache as the objects' Cache-Control says",
      minTtl: Duration.seconds(0),
      defaultTtl: Duration.seconds(0),
      maxTtl: Duration.days(365),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });

    this.distribution = new cloudfront.Distribution(this, "Distribution", {
      comment: `Users UI (${this.stackName})`,
      defaultRootObject: "index.html",
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(siteBucket),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: siteCachePolicy,
        responseHeadersPolicy: securityHeaders,
        compress: true,
      },
      additionalBehaviors: {
        "/api/users*": apiBehavior(props.usersApiEndpoint, securityHeaders),
        "/api/chat*": apiBehavior(props.chatbotApiEndpoint, securityHeaders),
      },
      // SPA fallback: a path that is no object (S3 answers 403 through OAC) is a route of the app.
      errorResponses: [403, 404].map((httpStatus) => ({
        httpStatus,
        responseHttpStatus: 200,
        responsePagePath: "/index.html",
        ttl: Duration.seconds(0),
      })),
      domainNames: props.customDomain ? [props.customDomain.domainName] : undefined,
      certificate: props.customDomain
        ? acm.Certificate.fromCertificateArn(this, "Certificate", props.customDomain.certificateArn)
        : undefined,
      minimumProtocolVersion: props.customDomain
        ? cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021
        : undefined,
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      enableLogging: true,
      logBucket,
      logFilePrefix: "distribution/",
    });

    // The SPA, built by esbuild at synth time. Two uploads of one build, each with its caching header; neither
    // prunes, so a browser still holding the previous index.html can load the assets it names.
    const site = s3deploy.Source.asset(SPA_DIR, {
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
    const deployer = deploymentRunner(this, production);
    const assets = new s3deploy.BucketDeployment(this, "DeployAssets", {
      ...deployer,
      sources: [site],
      destinationBucket: siteBucket,
      include: [`${ASSETS_DIR}/*`],
      exclude: ["*"],
      cacheControl: [s3deploy.CacheControl.fromString(HASHED_ASSETS_CACHE_CONTROL)],
      prune: false,
    });
    const page = new s3deploy.BucketDeployment(this, "DeployIndexPage", {
      ...deployer,
      sources: [site],
      destinationBucket: siteBucket,
      include: ["index.html"],
      exclude: ["*"],
      cacheControl: [s3deploy.CacheControl.fromString(UNHASHED_CACHE_CONTROL)],
      prune: false,
      distribution: this.distribution,
      distributionPaths: ["/", "/index.html"],
    });
    // The page goes live only once the assets it names are in place.
    page.node.addDependency(assets);

    acknowledgeFindings(this, this.distribution, assets, props.customDomain !== undefined);

    const domain = props.customDomain?.domainName ?? this.distribution.distributionDomainName;
    this.url = `https://${domain}/`;
    this.urlOutput = new CfnOutput(this, "UIURL", { value: this.url, description: "URL of the Users UI" });
  }
}

/** A behaviour that forwards every request to an API, uncached, with all it needs but the viewer's Host. */
function apiBehavior(
  endpoint: string,
  responseHeadersPolicy: cloudfront.IResponseHeadersPolicy,
): cloudfront.BehaviorOptions {
  // `https://<id>.execute-api.<region>.amazonaws.com/` → its host name, resolved by CloudFormation.
  const domainName = Fn.select(2, Fn.split("/", endpoint));
  return {
    origin: new origins.HttpOrigin(domainName, {
      protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY,
    }),
    viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
    allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
    cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
    // API Gateway routes by its own host name, so the viewer's Host must not reach it.
    originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
    responseHeadersPolicy,
  };
}

/**
 * The role and log group of the function BucketDeployment runs: a role that may write that log group only,
 * rather than the managed AWSLambdaBasicExecutionRole; the deployments add their S3 grants to it.
 */
function deploymentRunner(scope: Construct, production: boolean) {
  const logGroup = new logs.LogGroup(scope, "DeploymentLogs", {
    retention: production ? logs.RetentionDays.ONE_YEAR : logs.RetentionDays.ONE_WEEK,
    removalPolicy: production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
  });
  const role = new iam.Role(scope, "DeploymentRole", {
    assumedBy: new iam.ServicePrincipal("lambda.amazonaws.com"),
    description: "Copies the built SPA into the site bucket and invalidates the distribution",
  });
  logGroup.grantWrite(role);
  return { role, logGroup };
}

/** The AWS Solutions findings this stack accepts, each where it arises and with its reason. */
function acknowledgeFindings(
  stack: Stack,
  distribution: cloudfront.Distribution,
  deployment: s3deploy.BucketDeployment,
  hasCustomDomain: boolean,
): void {
  if (!hasCustomDomain) {
    Validations.of(distribution).acknowledge({
      id: "AwsSolutions-CFR4",
      reason:
        "Without a custom domain the distribution serves the *.cloudfront.net certificate, whose security " +
        "policy CloudFront fixes at TLSv1; set UsersUIProps.customDomain to require TLSv1.2_2021.",
    });
  }
  Validations.of(distribution).acknowledge({
    id: "AwsSolutions-CFR1",
    reason: "Operators may work from anywhere; no country is excluded.",
  });
  Validations.of(distribution).acknowledge({
    id: "AwsSolutions-CFR2",
    reason:
      "No WAF web ACL: the APIs behind it throttle per stage; attach one (attachWebAclId) when the UI is exposed beyond operators.",
  });
  // BucketDeployment's grants are the construct's own: read the asset, write and list the site bucket.
  for (const id of [
    "AwsSolutions-IAM5[Action::s3:GetObject*]",
    "AwsSolutions-IAM5[Action::s3:GetBucket*]",
    "AwsSolutions-IAM5[Action::s3:List*]",
    "AwsSolutions-IAM5[Action::s3:DeleteObject*]",
    "AwsSolutions-IAM5[Action::s3:Abort*]",
    "AwsSolutions-IAM5[Resource::<SiteBucket397A1860.Arn>/*]",
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
  // The staging bucket of CDK's bootstrap, named per account and region.
  const concreteEnv = !Token.isUnresolved(stack.account) && !Token.isUnresolved(stack.region);
  const assetBuckets = [
    "arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*",
    ...(concreteEnv ? [`arn:aws:s3:::cdk-hnb659fds-assets-${stack.account}-${stack.region}/*`] : []),
  ];
  for (const assetBucket of assetBuckets) {
    Validations.of(deployment.handlerRole).acknowledge({
      id: `AwsSolutions-IAM5[Resource::${assetBucket}]`,
      reason:
        "BucketDeployment reads the zipped SPA from CDK's asset bucket, whose object keys are content hashes.",
    });
  }
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
