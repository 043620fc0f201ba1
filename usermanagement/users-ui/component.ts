// The Users UI component: the single-page app in a private bucket behind CloudFront, which also routes
// `/api/users*` and `/api/chat*` to the two API components, so the browser only ever talks to one origin.
import { execFileSync } from "node:child_process";
import * as path from "node:path";
import { CfnOutput, DockerImage, Duration, Fn, RemovalPolicy, Stack, type StackProps } from "aws-cdk-lib";
import * as acm from "aws-cdk-lib/aws-certificatemanager";
import * as cloudfront from "aws-cdk-lib/aws-cloudfront";
import * as origins from "aws-cdk-lib/aws-cloudfront-origins";
import * as s3 from "aws-cdk-lib/aws-s3";
import * as s3deploy from "aws-cdk-lib/aws-s3-deployment";
import type { Construct } from "constructs";
import { ASSETS_DIR } from "./spa/build";
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
            execFileSync(process.execPath, ["--import", "tsx", path.join(SPA_DIR, "build.ts"), outputDir], {
              stdio: ["ignore", "ignore", "inherit"],
            });
            return true;
          },
        },
      },
    });
    const assets = new s3deploy.BucketDeployment(this, "DeployAssets", {
      sources: [site],
      destinationBucket: siteBucket,
      include: [`${ASSETS_DIR}/*`],
      exclude: ["*"],
      cacheControl: [s3deploy.CacheControl.fromString(HASHED_ASSETS_CACHE_CONTROL)],
      prune: false,
    });
    const page = new s3deploy.BucketDeployment(this, "DeployIndexPage", {
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

    const domain = props.customDomain?.domainName ?? this.distribution.distributionDomainName;
    this.url = `https://${domain}/`;
    new CfnOutput(this, "UIURL", { value: this.url, description: "URL of the Users UI" });
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
