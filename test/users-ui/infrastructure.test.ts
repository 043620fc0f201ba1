// The Users UI stack: a private bucket behind CloudFront, which routes the two APIs by cross-stack references.
import { Match, Template } from "aws-cdk-lib/assertions";
import * as dynamodb from "aws-cdk-lib/aws-dynamodb";
import { beforeAll, describe, expect, it } from "vitest";
import { UsersUI } from "../../usermanagement/users-ui/component";
import { UserManagement } from "../../usermanagement/workload";
import { testApp } from "../support/cdk-app";

function synth(production: boolean) {
  const workload = new UserManagement(testApp(), {
    stackNamespace: "Test",
    apiLambdaReservedConcurrency: 1,
    databaseBillingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
    production,
  });
  return { workload, template: Template.fromStack(workload.usersUi) };
}

let workload: UserManagement;
let sandbox: Template;
let production: Template;
beforeAll(() => {
  ({ workload, template: sandbox } = synth(false));
  production = synth(true).template;
});

const distributionConfig = () =>
  Object.values(sandbox.findResources("AWS::CloudFront::Distribution"))[0].Properties.DistributionConfig;

describe("the site bucket", () => {
  it("blocks all public access, requires TLS and encrypts at rest", () => {
    for (const bucket of Object.values(sandbox.findResources("AWS::S3::Bucket"))) {
      expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
      expect(bucket.Properties.BucketEncryption).toBeDefined();
    }
    for (const policy of Object.values(sandbox.findResources("AWS::S3::BucketPolicy"))) {
      expect(policy.Properties.PolicyDocument.Statement).toContainEqual(
        expect.objectContaining({ Effect: "Deny", Condition: { Bool: { "aws:SecureTransport": "false" } } }),
      );
    }
  });

  it("lets only this distribution read it, through origin access control", () => {
    sandbox.resourceCountIs("AWS::CloudFront::OriginAccessControl", 1);
    sandbox.hasResourceProperties("AWS::S3::BucketPolicy", {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: "s3:GetObject",
            Principal: { Service: "cloudfront.amazonaws.com" },
            Condition: { StringEquals: { "AWS:SourceArn": Match.anyValue() } },
          }),
        ]),
      },
    });
  });

  it("is deleted with a sandbox and retained in production", () => {
    sandbox.hasResource("AWS::S3::Bucket", { DeletionPolicy: "Delete" });
    expect(Object.values(production.findResources("AWS::S3::Bucket")).map((b) => b.DeletionPolicy)).toEqual([
      "Retain",
      "Retain",
    ]);
  });
});

describe("the distribution", () => {
  it("redirects viewers to HTTPS and falls back to index.html for app routes", () => {
    const config = distributionConfig();
    expect(config.DefaultRootObject).toBe("index.html");
    expect(config.DefaultCacheBehavior.ViewerProtocolPolicy).toBe("redirect-to-https");
    expect(config.CustomErrorResponses).toEqual([
      { ErrorCode: 403, ResponseCode: 200, ResponsePagePath: "/index.html", ErrorCachingMinTTL: 0 },
      { ErrorCode: 404, ResponseCode: 200, ResponsePagePath: "/index.html", ErrorCachingMinTTL: 0 },
    ]);
    expect(config.Logging).toBeDefined();
  });

  it("sends the security headers on every behaviour", () => {
    sandbox.hasResourceProperties("AWS::CloudFront::ResponseHeadersPolicy", {
      ResponseHeadersPolicyConfig: {
        SecurityHeadersConfig: {
          ContentSecurityPolicy: {
            ContentSecurityPolicy: Match.stringLikeRegexp("default-src 'self'"),
            Override: true,
          },
          StrictTransportSecurity: Match.objectLike({ AccessControlMaxAgeSec: 63072000 }),
          ContentTypeOptions: { Override: true },
          FrameOptions: { FrameOption: "DENY", Override: true },
          ReferrerPolicy: { ReferrerPolicy: "strict-origin-when-cross-origin", Override: true },
        },
      },
    });
    const config = distributionConfig();
    for (const behavior of [config.DefaultCacheBehavior, ...config.CacheBehaviors]) {
      expect(behavior.ResponseHeadersPolicyId).toEqual({ Ref: expect.stringMatching(/^SecurityHeaders/) });
    }
  });

  it("routes /api/users* and /api/chat* to the API stacks' hosts, uncached, all methods, without the viewer's Host", () => {
    const config = distributionConfig();
    const apiBehaviors = config.CacheBehaviors.map(
      (behavior: Record<string, unknown>) => behavior.PathPattern,
    );
    expect(apiBehaviors).toEqual(["/api/users*", "/api/chat*"]);
    for (const behavior of config.CacheBehaviors) {
      expect(behavior.AllowedMethods).toEqual(["GET", "HEAD", "OPTIONS", "PUT", "PATCH", "POST", "DELETE"]);
      expect(behavior.CachePolicyId).toBe("4135ea2d-6df8-44a3-9df3-4b5a84be39ad"); // Managed-CachingDisabled
      expect(behavior.OriginRequestPolicyId).toBe("b689b0a8-53d0-40ab-baf2-68738e2966ac"); // AllViewerExceptHostHeader
      expect(behavior.ViewerProtocolPolicy).toBe("https-only");
    }
    const origins = JSON.stringify(config.Origins);
    expect(origins).toContain('"Fn::GetStackOutput":{"StackName":"Test-UsersAPI"');
    expect(origins).toContain('"Fn::GetStackOutput":{"StackName":"Test-ChatbotAPI"');
  });

  it("requires TLS 1.2 from viewers when given a custom domain and its certificate", () => {
    const ui = new UsersUI(testApp(), "UI", {
      usersApiEndpoint: "https://users.execute-api.eu-west-1.amazonaws.com/",
      chatbotApiEndpoint: "https://chat.execute-api.eu-west-1.amazonaws.com/",
      customDomain: {
        domainName: "users.example.com",
        certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555",
      },
    });

    Template.fromStack(ui).hasResourceProperties("AWS::CloudFront::Distribution", {
      DistributionConfig: Match.objectLike({
        Aliases: ["users.example.com"],
        ViewerCertificate: Match.objectLike({
          MinimumProtocolVersion: "TLSv1.2_2021",
          SslSupportMethod: "sni-only",
        }),
      }),
    });
    Template.fromStack(ui).hasOutput("UIURL", { Value: "https://users.example.com/" });
  });
});

describe("deployment", () => {
  it("uploads the built SPA twice, hashed assets cached for a year and index.html not at all, then invalidates", () => {
    sandbox.hasResourceProperties("Custom::CDKBucketDeployment", {
      Include: ["assets/*"],
      Exclude: ["*"],
      SystemMetadata: { "cache-control": "public, max-age=31536000, immutable" },
      Prune: false,
    });
    sandbox.hasResourceProperties("Custom::CDKBucketDeployment", {
      Include: ["index.html"],
      SystemMetadata: { "cache-control": "no-cache" },
      DistributionId: Match.anyValue(),
      DistributionPaths: ["/", "/index.html"],
    });
  });

  it("comes after both API stacks, whose outputs it consumes", () => {
    const dependencies = workload.usersUi.dependencies.map((stack) => stack.stackName).sort();
    expect(dependencies).toEqual(["Test-ChatbotAPI", "Test-UsersAPI"]);
  });

  it("publishes the UI's https URL", () => {
    sandbox.hasOutput("UIURL", {
      Value: {
        "Fn::Join": [
          "",
          ["https://", { "Fn::GetAtt": [Match.stringLikeRegexp("^Distribution"), "DomainName"] }, "/"],
        ],
      },
    });
  });
});
