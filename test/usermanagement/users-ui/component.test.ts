// The Users UI stack: a private bucket behind CloudFront, which routes each API's paths to it by cross-stack
// references, routes the SPA with a viewer-request function, and never rewrites an API's answer.

import { readFileSync } from "node:fs";
import { Stack, Validations } from "aws-cdk-lib";
import { Match, Template } from "aws-cdk-lib/assertions";
import * as dynamodb from "aws-cdk-lib/aws-dynamodb";
import { AwsSolutionsChecks } from "cdk-nag";
import { beforeAll, describe, expect, it } from "vitest";
import { CHATBOT_API_ROUTES } from "../../../usermanagement/chatbot-api/nlp/runtime/routes";
import {
  PRODUCTION_RETENTION,
  type Retention,
  SANDBOX_RETENTION,
} from "../../../usermanagement/shared/infrastructure/retention";
import { USERS_API_ROUTES } from "../../../usermanagement/users-api/api/runtime/routes";
import { VIEWER_REQUEST_FUNCTION_FILE } from "../../../usermanagement/users-ui/cdn/viewer-request";
import { UsersUI } from "../../../usermanagement/users-ui/component";
import { UserManagement } from "../../../usermanagement/workload";
import { testApp } from "../../support/cdk-app";
import { synthesizedFindings } from "../../support/nag-findings";

function synth(production: boolean) {
  const workload = new UserManagement(testApp(), {
    stackNamespace: "Test",
    databaseBillingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
    production,
  });
  return { workload, template: Template.fromStack(workload.usersUi) };
}

const ENDPOINTS = {
  usersApiEndpoint: "https://users.execute-api.eu-west-1.amazonaws.com/",
  chatbotApiEndpoint: "https://chat.execute-api.eu-west-1.amazonaws.com/",
};

let workload: UserManagement;
let sandbox: Template;
let production: Template;
beforeAll(() => {
  ({ workload, template: sandbox } = synth(false));
  production = synth(true).template;
});

const distributionConfig = (template: Template) =>
  Object.values(template.findResources("AWS::CloudFront::Distribution"))[0].Properties.DistributionConfig;

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

  it("lets only this distribution read it, through origin access control, without listing it", () => {
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
    // Without s3:ListBucket S3 answers a missing key with 403, which the sandbox's S3 origin reproduces.
    expect(JSON.stringify(sandbox.findResources("AWS::S3::BucketPolicy"))).not.toContain("s3:ListBucket");
  });

  it("is deleted with a sandbox and retained in production", () => {
    sandbox.hasResource("AWS::S3::Bucket", { DeletionPolicy: "Delete" });
    for (const bucket of Object.values(production.findResources("AWS::S3::Bucket")))
      expect(bucket.DeletionPolicy).toBe("Retain");
  });

  it("keeps the logical ids of its stateful resources, whose change would replace them", () => {
    // Pinned on purpose: a new id means a new bucket (the old one orphaned in production) or a new
    // distribution (a new *.cloudfront.net URL, and a custom domain that cannot move while the old one holds it).
    const ui = workload.usersUi;
    const idOf = (path: string) => {
      const element = ui.node.findChild(path.split("/")[0]).node.findChild(path.split("/")[1]);
      return Stack.of(ui).getLogicalId(element.node.defaultChild as never);
    };
    expect(idOf("Site/Bucket")).toBe("SiteBucket978D4AEB");
    expect(idOf("CDN/Distribution")).toBe("CDNDistributionD4FAE585");
    const productionUi = synth(true).workload.usersUi;
    const logBucket = productionUi.node.findChild("AccessLogs").node.findChild("Bucket");
    expect(Stack.of(productionUi).getLogicalId(logBucket.node.defaultChild as never)).toBe(
      "AccessLogsBucketCD784A59",
    );
  });
});

describe("the distribution", () => {
  it("turns no error of any origin into a page: no custom error responses, in a sandbox or in production", () => {
    for (const template of [sandbox, production]) {
      expect(distributionConfig(template).CustomErrorResponses).toBeUndefined();
    }
  });

  it("routes the SPA with the viewer-request function on the default behaviour only, from its one source file", () => {
    const config = distributionConfig(sandbox);
    expect(config.DefaultCacheBehavior.ViewerProtocolPolicy).toBe("redirect-to-https");
    expect(config.DefaultCacheBehavior.FunctionAssociations).toEqual([
      { EventType: "viewer-request", FunctionARN: { "Fn::GetAtt": [expect.any(String), "FunctionARN"] } },
    ]);
    for (const behavior of config.CacheBehaviors) expect(behavior.FunctionAssociations).toBeUndefined();
    sandbox.hasResourceProperties("AWS::CloudFront::Function", {
      FunctionCode: readFileSync(VIEWER_REQUEST_FUNCTION_FILE, "utf8"),
      FunctionConfig: Match.objectLike({ Runtime: "cloudfront-js-2.0" }),
    });
  });

  it("sends the security headers on every behaviour", () => {
    sandbox.hasResourceProperties("AWS::CloudFront::ResponseHeadersPolicy", {
      ResponseHeadersPolicyConfig: {
        SecurityHeadersConfig: {
          // Joined with the user pool's origins at deploy time; its text is tested below.
          ContentSecurityPolicy: { ContentSecurityPolicy: Match.anyValue(), Override: true },
          StrictTransportSecurity: Match.objectLike({ AccessControlMaxAgeSec: 63072000 }),
          ContentTypeOptions: { Override: true },
          FrameOptions: { FrameOption: "DENY", Override: true },
          ReferrerPolicy: { ReferrerPolicy: "strict-origin-when-cross-origin", Override: true },
        },
      },
    });
    const config = distributionConfig(sandbox);
    for (const behavior of [config.DefaultCacheBehavior, ...config.CacheBehaviors]) {
      expect(behavior.ResponseHeadersPolicyId).toEqual({ Ref: expect.stringMatching(/SecurityHeaders/) });
    }
  });

  it("lets the SPA connect to the sign-in origins it is given, and nowhere else", () => {
    const ui = new UsersUI(testApp(), "UI", {
      ...ENDPOINTS,
      signInOrigins: [
        "https://cognito-idp.eu-west-1.amazonaws.com",
        "https://acme.auth.eu-west-1.amazoncognito.com",
      ],
    });
    Template.fromStack(ui).hasResourceProperties("AWS::CloudFront::ResponseHeadersPolicy", {
      ResponseHeadersPolicyConfig: Match.objectLike({
        SecurityHeadersConfig: Match.objectLike({
          ContentSecurityPolicy: Match.objectLike({
            ContentSecurityPolicy: Match.stringLikeRegexp(
              "connect-src 'self' https://cognito-idp.eu-west-1.amazonaws.com https://acme.auth.eu-west-1.amazoncognito.com;",
            ),
          }),
        }),
      }),
    });
  });

  it("routes each API's path pattern to its stack's host, uncached, all methods, without the viewer's Host", () => {
    const config = distributionConfig(sandbox);
    expect(config.CacheBehaviors.map((behavior: { PathPattern: string }) => behavior.PathPattern)).toEqual([
      USERS_API_ROUTES.pathPattern,
      CHATBOT_API_ROUTES.pathPattern,
    ]);
    for (const behavior of config.CacheBehaviors) {
      expect(behavior.AllowedMethods).toEqual(["GET", "HEAD", "OPTIONS", "PUT", "PATCH", "POST", "DELETE"]);
      expect(behavior.CachePolicyId).toBe("4135ea2d-6df8-44a3-9df3-4b5a84be39ad"); // Managed-CachingDisabled
      expect(behavior.OriginRequestPolicyId).toBe("b689b0a8-53d0-40ab-baf2-68738e2966ac"); // AllViewerExceptHostHeader
      expect(behavior.ViewerProtocolPolicy).toBe("https-only");
    }
    expect(config.DefaultCacheBehavior.AllowedMethods).toBeUndefined(); // CloudFront's default: GET and HEAD
    const origins = JSON.stringify(config.Origins);
    expect(origins).toContain('"Fn::GetStackOutput":{"StackName":"Test-UsersAPI"');
    expect(origins).toContain('"Fn::GetStackOutput":{"StackName":"Test-ChatbotAPI"');
  });

  it("requires TLS 1.2 from viewers when given a custom domain and its certificate", () => {
    const ui = new UsersUI(testApp(), "UI", {
      ...ENDPOINTS,
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

describe("access logs", () => {
  it("in a sandbox: no S3 log bucket, nothing that cdk destroy could find still receiving logs", () => {
    sandbox.resourceCountIs("AWS::S3::Bucket", 1);
    expect(distributionConfig(sandbox).Logging).toBeUndefined();
    expect(
      Object.values(sandbox.findResources("AWS::S3::Bucket"))[0].Properties.LoggingConfiguration,
    ).toBeUndefined();
  });

  it("in a sandbox: the distribution's standard logs (v2) go to a log group deleted with the stack, where CloudFront can deliver them", () => {
    sandbox.hasResource("AWS::Logs::LogGroup", {
      DeletionPolicy: "Delete",
      Properties: { RetentionInDays: 7 },
    });
    sandbox.hasResourceProperties("AWS::Logs::DeliverySource", {
      LogType: "ACCESS_LOGS",
      ResourceArn: Match.anyValue(),
    });
    sandbox.hasResourceProperties("AWS::Logs::DeliveryDestination", {
      DestinationResourceArn: { "Fn::GetAtt": [Match.stringLikeRegexp("DistributionLogs"), "Arn"] },
    });
    // CloudFront's delivery sources exist only in us-east-1: an environment-agnostic stack asks at deploy time,
    // for the log group as for the delivery, so that no log group waits for logs that never come.
    for (const type of [
      "AWS::Logs::DeliverySource",
      "AWS::Logs::DeliveryDestination",
      "AWS::Logs::Delivery",
    ]) {
      for (const resource of Object.values(sandbox.findResources(type)))
        expect(resource.Condition, type).toBeDefined();
    }
    const distributionLogGroups = (template: Template) =>
      Object.entries(template.findResources("AWS::Logs::LogGroup")).filter(([id]) =>
        id.includes("DistributionLogs"),
      );
    expect(distributionLogGroups(sandbox).map(([, group]) => group.Condition)).toEqual([expect.any(String)]);
    const inEurope = Template.fromStack(
      new UsersUI(testApp(), "UI", { ...ENDPOINTS, env: { region: "eu-west-1" } }),
    );
    inEurope.resourceCountIs("AWS::Logs::Delivery", 0);
    expect(distributionLogGroups(inEurope)).toEqual([]);
    const inVirginia = Template.fromStack(
      new UsersUI(testApp(), "UI", { ...ENDPOINTS, env: { region: "us-east-1" } }),
    );
    inVirginia.resourceCountIs("AWS::Logs::Delivery", 1);
    expect(Object.values(inVirginia.findResources("AWS::Logs::Delivery"))[0].Condition).toBeUndefined();
  });

  it("in production: S3 access logs and the distribution's standard logs, a year, in a retained bucket", () => {
    const buckets = Object.values(production.findResources("AWS::S3::Bucket"));
    expect(buckets).toHaveLength(2);
    const logBucket = buckets.find((bucket) => bucket.Properties.OwnershipControls);
    expect(logBucket?.DeletionPolicy).toBe("Retain");
    expect(logBucket?.Properties.LifecycleConfiguration.Rules[0].ExpirationInDays).toBe(365);
    expect(distributionConfig(production).Logging).toMatchObject({ Prefix: "distribution/" });
    production.hasResourceProperties("AWS::S3::Bucket", {
      LoggingConfiguration: Match.objectLike({ LogFilePrefix: "site-bucket/" }),
    });
    production.resourceCountIs("AWS::Logs::Delivery", 0);
  });

  it("leaves no AWS Solutions finding unacknowledged, in a sandbox or in production", () => {
    const findings = (retention: Retention, region?: string) => {
      const app = testApp();
      new UsersUI(app, "UI", { ...ENDPOINTS, retention, env: region ? { region } : undefined });
      Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
      return synthesizedFindings(app);
    };
    expect(findings(SANDBOX_RETENTION)).toEqual([]);
    expect(findings(SANDBOX_RETENTION, "us-east-1")).toEqual([]);
    expect(findings(PRODUCTION_RETENTION, "eu-west-1")).toEqual([]);
  }, 180_000);
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
      Include: ["index.html", "config.json"],
      SystemMetadata: { "cache-control": "no-cache" },
      DistributionId: Match.anyValue(),
      DistributionPaths: ["/", "/index.html", "/config.json"],
    });
  });

  it("writes the SPA's config.json with the deploy-time values it is given", () => {
    const ui = new UsersUI(testApp(), "UI", {
      ...ENDPOINTS,
      spaConfig: { authority: "https://issuer.example.com", clientId: "spa-client", scope: "openid" },
    });
    const pageSources = (template: Template) =>
      Object.values(template.findResources("Custom::CDKBucketDeployment")).find((deployment) =>
        deployment.Properties.Include.includes("config.json"),
      )?.Properties.SourceObjectKeys;
    // The page's deployment carries a second source, the rendered config.json, only when given one.
    expect(pageSources(Template.fromStack(ui))).toHaveLength(2);
    expect(pageSources(Template.fromStack(new UsersUI(testApp(), "UI", ENDPOINTS)))).toHaveLength(1);
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
          ["https://", { "Fn::GetAtt": [Match.stringLikeRegexp("Distribution"), "DomainName"] }, "/"],
        ],
      },
    });
  });
});
