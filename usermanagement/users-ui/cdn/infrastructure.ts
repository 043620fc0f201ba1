// The content delivery unit: one CloudFront distribution in front of the site bucket, with a behaviour per API
// that forwards to its HTTP API unchanged, the security headers on every answer, and the viewer-request
// function that routes the single-page app without touching any API's answer.
import { Duration, Fn, Stack, Validations } from "aws-cdk-lib";
import * as acm from "aws-cdk-lib/aws-certificatemanager";
import * as cloudfront from "aws-cdk-lib/aws-cloudfront";
import * as origins from "aws-cdk-lib/aws-cloudfront-origins";
import type * as s3 from "aws-cdk-lib/aws-s3";
import { Construct } from "constructs";
import type { HttpApiRoutes } from "../../shared/runtime/http-api-routes";
import { contentSecurityPolicy } from "./security-headers";
import { VIEWER_REQUEST_FUNCTION_FILE } from "./viewer-request";

/** An API the distribution forwards to: where it is and which paths are its. */
export interface DistributedApi {
  /** The API's base URL, e.g. `https://abc.execute-api.eu-west-1.amazonaws.com/` (a token across stacks). */
  readonly endpoint: string;
  readonly routes: HttpApiRoutes;
}

export interface CdnProps {
  /** The private bucket the single-page app is served from, through origin access control. */
  readonly siteBucket: s3.IBucket;
  /** The APIs on the UI's own origin, each behind its routes' path pattern. */
  readonly apis: readonly DistributedApi[];
  /**
   * Digests that change whenever an API could have a new endpoint, written into the distribution's comment so
   * that CloudFormation updates it, re-reading the endpoints' weak references (see UsersUIProps).
   * @default [] - none
   */
  readonly apiEndpointFingerprints?: readonly string[];
  /**
   * Origins the SPA signs in with (discovery, keys, token endpoint), allowed in the CSP's `connect-src`.
   * @default [] - the SPA may connect to its own origin only
   */
  readonly signInOrigins?: readonly string[];
  /**
   * A custom domain with the ARN of its ACM certificate (in us-east-1). Only with a certificate of its own can a
   * distribution require TLS 1.2 or later: the default `*.cloudfront.net` certificate is fixed at TLSv1.
   * @default - the distribution's `*.cloudfront.net` domain
   */
  readonly customDomain?: { readonly domainName: string; readonly certificateArn: string };
  /**
   * Where CloudFront's standard logs (legacy, to S3) go; without one, the stack delivers standard logs (v2) to
   * CloudWatch Logs where CloudFront can (see access-logs/infrastructure.ts).
   * @default - no S3 standard logs
   */
  readonly logBucket?: s3.IBucket;
}

export class Cdn extends Construct {
  readonly distribution: cloudfront.Distribution;
  /** The domain viewers use: the custom domain, or the distribution's own. */
  readonly domainName: string;

  constructor(scope: Construct, id: string, props: CdnProps) {
    super(scope, id);

    const securityHeaders = new cloudfront.ResponseHeadersPolicy(this, "SecurityHeaders", {
      comment: "Security headers of the Users UI and its APIs",
      securityHeadersBehavior: {
        contentSecurityPolicy: {
          contentSecurityPolicy: contentSecurityPolicy(props.signInOrigins),
          override: true,
        },
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
    // SPA routing on the default behaviour only. Custom error responses would do it for the whole distribution,
    // turning every API's 403/404 into a 200 page.
    const viewerRequest = new cloudfront.Function(this, "ViewerRequest", {
      comment: "Users UI: app routes to /index.html, unrouted /api/ paths to a 404 problem",
      code: cloudfront.FunctionCode.fromFile({ filePath: VIEWER_REQUEST_FUNCTION_FILE }),
      runtime: cloudfront.FunctionRuntime.JS_2_0,
    });

    const apiBehaviors = Object.fromEntries(
      props.apis.map((api) => [api.routes.pathPattern, apiBehavior(api.endpoint, securityHeaders)]),
    );
    this.distribution = new cloudfront.Distribution(this, "Distribution", {
      comment: [
        `Users UI (${Stack.of(this).stackName})`,
        ...(props.apiEndpointFingerprints?.length ? [`APIs ${props.apiEndpointFingerprints.join(" ")}`] : []),
      ].join(" · "),
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(props.siteBucket),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: siteCachePolicy,
        responseHeadersPolicy: securityHeaders,
        compress: true,
        functionAssociations: [
          { function: viewerRequest, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST },
        ],
      },
      additionalBehaviors: apiBehaviors,
      domainNames: props.customDomain ? [props.customDomain.domainName] : undefined,
      certificate: props.customDomain
        ? acm.Certificate.fromCertificateArn(this, "Certificate", props.customDomain.certificateArn)
        : undefined,
      minimumProtocolVersion: props.customDomain
        ? cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021
        : undefined,
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      enableLogging: props.logBucket !== undefined,
      logBucket: props.logBucket,
      logFilePrefix: props.logBucket ? "distribution/" : undefined,
    });
    this.domainName = props.customDomain?.domainName ?? this.distribution.distributionDomainName;
    if (!props.logBucket) {
      Validations.of(this.distribution).acknowledge({
        id: "AwsSolutions-CFR3",
        reason:
          "A sandbox keeps no S3 log bucket, which would race CloudFront's deliveries on cdk destroy; its " +
          "standard logs (v2) go to a CloudWatch log group, which cdk-nag does not see, where CloudFront can " +
          "deliver them (a stack in us-east-1); elsewhere the APIs' stage logs record every /api request.",
      });
    }

    if (!props.customDomain) {
      Validations.of(this.distribution).acknowledge({
        id: "AwsSolutions-CFR4",
        reason:
          "Without a custom domain the distribution serves the *.cloudfront.net certificate, whose security " +
          "policy CloudFront fixes at TLSv1; set UsersUIProps.customDomain to require TLSv1.2_2021.",
      });
    }
    Validations.of(this.distribution).acknowledge({
      id: "AwsSolutions-CFR1",
      reason: "Operators may work from anywhere; no country is excluded.",
    });
    Validations.of(this.distribution).acknowledge({
      id: "AwsSolutions-CFR2",
      reason:
        "No WAF web ACL: the APIs behind it throttle per stage; attach one (attachWebAclId) when the UI is exposed beyond operators.",
    });
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
