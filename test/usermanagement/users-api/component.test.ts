// The Users API stack, as a sandbox and as production: fine-grained assertions on what each setting produces.
import { Match, Template } from "aws-cdk-lib/assertions";
import * as dynamodb from "aws-cdk-lib/aws-dynamodb";
import { beforeAll, describe, expect, it } from "vitest";
import { UserManagement } from "../../../usermanagement/workload";
import { testApp } from "../../support/cdk-app";

function synthUsersApi(settings: { production: boolean }): Template {
  const workload = new UserManagement(testApp(), {
    stackNamespace: "Test",
    usersApiReservedConcurrency: settings.production ? 10 : undefined,
    databaseBillingMode: settings.production
      ? dynamodb.BillingMode.PROVISIONED
      : dynamodb.BillingMode.PAY_PER_REQUEST,
    production: settings.production,
  });
  return Template.fromStack(workload.usersApi);
}

let sandbox: Template;
let production: Template;
beforeAll(() => {
  sandbox = synthUsersApi({ production: false });
  production = synthUsersApi({ production: true });
  // Synthesis of a whole workload: minutes on a busy two-core machine.
}, 300_000);

describe("the Users table", () => {
  it("keeps its logical ID, since renaming it would replace the table and lose every user", () => {
    expect(Object.keys(sandbox.findResources("AWS::DynamoDB::Table"))).toEqual(["DatabaseTableF104A135"]);
  });

  it("is keyed by pk with a username-ordered index and a search-term index, point-in-time recovery and encryption", () => {
    sandbox.hasResourceProperties("AWS::DynamoDB::Table", {
      KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }],
      GlobalSecondaryIndexes: [
        Match.objectLike({
          IndexName: "UsersByUsername",
          KeySchema: [
            { AttributeName: "listPartition", KeyType: "HASH" },
            { AttributeName: "username", KeyType: "RANGE" },
          ],
          Projection: { ProjectionType: "ALL" },
        }),
        Match.objectLike({
          IndexName: "UsersBySearchTerm",
          KeySchema: [
            { AttributeName: "termPartition", KeyType: "HASH" },
            { AttributeName: "termKey", KeyType: "RANGE" },
          ],
          Projection: { ProjectionType: "ALL" },
        }),
      ],
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: { SSEEnabled: true },
    });
  });

  it("is billed on demand and destroyed with a sandbox stack", () => {
    sandbox.hasResource("AWS::DynamoDB::Table", {
      Properties: Match.objectLike({ BillingMode: "PAY_PER_REQUEST", DeletionProtectionEnabled: false }),
      DeletionPolicy: "Delete",
    });
    sandbox.resourceCountIs("AWS::ApplicationAutoScaling::ScalableTarget", 0);
  });

  it("is provisioned with auto scaling, retained and deletion-protected in production", () => {
    production.hasResource("AWS::DynamoDB::Table", {
      Properties: Match.objectLike({
        ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 },
        DeletionProtectionEnabled: true,
      }),
      DeletionPolicy: "Retain",
      UpdateReplacePolicy: "Retain",
    });
    // Read and write, for the table and for each of its two indexes.
    production.resourceCountIs("AWS::ApplicationAutoScaling::ScalableTarget", 6);
    production.hasResourceProperties("AWS::DynamoDB::Table", {
      GlobalSecondaryIndexes: Match.arrayWith([
        Match.objectLike({
          IndexName: "UsersBySearchTerm",
          ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 },
        }),
      ]),
    });
  });
});

describe("the Users API function", () => {
  it("runs Node.js 24 on arm64 with the memory, timeout and table it is given", () => {
    sandbox.hasResourceProperties("AWS::Lambda::Function", {
      Runtime: "nodejs24.x",
      Architectures: ["arm64"],
      MemorySize: 256,
      Timeout: 10,
      LoggingConfig: Match.objectLike({ LogFormat: "JSON" }),
      Environment: {
        Variables: Match.objectLike({ USERS_TABLE_NAME: { Ref: "DatabaseTableF104A135" } }),
      },
    });
  });

  it("reserves concurrency only when given some, so that a new account (limit 10) can deploy a sandbox", () => {
    sandbox.hasResourceProperties("AWS::Lambda::Function", {
      ReservedConcurrentExecutions: Match.absent(),
    });
    production.hasResourceProperties("AWS::Lambda::Function", { ReservedConcurrentExecutions: 10 });
  });

  it("may use only the item operations the store issues on the table, and Query only on its two indexes", () => {
    const policies = sandbox.findResources("AWS::IAM::Policy");
    const statements = Object.values(policies).flatMap(
      (policy) =>
        (policy as { Properties: { PolicyDocument: { Statement: { Action: string[] }[] } } }).Properties
          .PolicyDocument.Statement,
    );
    const dynamoActions = statements
      .flatMap((statement) => [statement.Action].flat())
      .filter((a) => a.startsWith("dynamodb:"));
    expect(dynamoActions.sort()).toEqual([
      "dynamodb:DeleteItem",
      "dynamodb:GetItem",
      "dynamodb:PutItem",
      "dynamodb:Query",
    ]);
    const queryResources = statements
      .filter((statement) => [statement.Action].flat().includes("dynamodb:Query"))
      .flatMap((statement) => (statement as unknown as { Resource: unknown[] }).Resource);
    const indexArn = (name: string) => ({
      "Fn::Join": ["", [{ "Fn::GetAtt": ["DatabaseTableF104A135", "Arn"] }, `/index/${name}`]],
    });
    expect(queryResources).toHaveLength(2);
    expect(queryResources).toEqual(
      expect.arrayContaining([indexArn("UsersByUsername"), indexArn("UsersBySearchTerm")]),
    );
  });

  it("keeps its logs a week in a sandbox and a year, retained, in production", () => {
    sandbox.hasResource("AWS::Logs::LogGroup", {
      Properties: { RetentionInDays: 7 },
      DeletionPolicy: "Delete",
    });
    production.hasResource("AWS::Logs::LogGroup", {
      Properties: { RetentionInDays: 365 },
      DeletionPolicy: "Retain",
    });
    for (const template of [sandbox, production]) {
      const groups = Object.values(template.findResources("AWS::Logs::LogGroup"));
      expect(groups.every((group) => group.Properties.RetentionInDays !== undefined)).toBe(true);
    }
  });
});

describe("the HTTP API", () => {
  it("has an explicit route per method, plus ANY per path for the function's 405", () => {
    const routeKeys = Object.values(sandbox.findResources("AWS::ApiGatewayV2::Route"))
      .map((route) => route.Properties.RouteKey)
      .sort();
    expect(routeKeys).toEqual([
      "ANY /api/users",
      "ANY /api/users/{username}",
      "DELETE /api/users/{username}",
      "GET /api/users",
      "GET /api/users/{username}",
      "PATCH /api/users/{username}",
      "POST /api/users",
      "PUT /api/users/{username}",
    ]);
  });

  it("lets no request reach the function without a token of the user pool, on every route", () => {
    const authorizers = sandbox.findResources("AWS::ApiGatewayV2::Authorizer");
    expect(Object.keys(authorizers)).toHaveLength(1);
    const [authorizerId] = Object.keys(authorizers);
    const routes = Object.values(sandbox.findResources("AWS::ApiGatewayV2::Route"));
    expect(routes.length).toBeGreaterThan(0);
    for (const route of routes) {
      expect(route.Properties).toMatchObject({
        AuthorizationType: "JWT",
        AuthorizerId: { Ref: authorizerId },
      });
    }
  });

  it("accepts tokens the pool issued to the SPA or the machine client, from the Authorization header", () => {
    const clients = Object.keys(sandbox.findResources("AWS::Cognito::UserPoolClient"));
    const pool = Object.keys(sandbox.findResources("AWS::Cognito::UserPool"))[0];
    sandbox.hasResourceProperties("AWS::ApiGatewayV2::Authorizer", {
      AuthorizerType: "JWT",
      IdentitySource: ["$request.header.Authorization"],
      JwtConfiguration: {
        Audience: Match.arrayEquals(clients.map((client) => ({ Ref: client }))),
        Issuer: {
          "Fn::Join": [
            "",
            [
              "https://cognito-idp.",
              { Ref: "AWS::Region" },
              ".",
              { Ref: "AWS::URLSuffix" },
              "/",
              { Ref: pool },
            ],
          ],
        },
      },
    });
  });

  it("throttles and access-logs its auto-deployed default stage", () => {
    sandbox.hasResourceProperties("AWS::ApiGatewayV2::Stage", {
      StageName: "$default",
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp("requestId") },
    });
  });
});

describe("monitoring", () => {
  it("alarms on function errors, API 5xx, p99 latency and table throttles, notifying the topic", () => {
    const alarms = Object.values(sandbox.findResources("AWS::CloudWatch::Alarm"));
    expect(alarms).toHaveLength(4);
    const topicRef = { Ref: Object.keys(sandbox.findResources("AWS::SNS::Topic"))[0] };
    for (const alarm of alarms) expect(alarm.Properties.AlarmActions).toEqual([topicRef]);
    const described = alarms.map((alarm) => alarm.Properties.AlarmDescription).join(" ");
    for (const subject of ["function failed", "5xx", "p99 latency", "throttled"])
      expect(described).toContain(subject);
  });

  it("encrypts the alarm topic with a rotated key CloudWatch may use, and requires TLS to it", () => {
    sandbox.hasResourceProperties("AWS::SNS::Topic", { KmsMasterKeyId: Match.anyValue() });
    sandbox.hasResourceProperties("AWS::KMS::Key", {
      EnableKeyRotation: true,
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({ Principal: { Service: "cloudwatch.amazonaws.com" }, Effect: "Allow" }),
        ]),
      },
    });
    sandbox.hasResourceProperties("AWS::SNS::TopicPolicy", {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: "Deny", Condition: { Bool: { "aws:SecureTransport": "false" } } }),
        ]),
      },
    });
  });

  it("has a dashboard", () => {
    sandbox.resourceCountIs("AWS::CloudWatch::Dashboard", 1);
  });
});

describe("outputs", () => {
  it("publishes the API endpoint and the alarm topic", () => {
    sandbox.hasOutput("APIEndpoint", { Value: Match.anyValue() });
    sandbox.hasOutput("AlarmTopicArn", { Value: { Ref: Match.stringLikeRegexp("AlarmTopic") } });
  });

  it("publishes what a script needs to sign in as the machine client: pool, client, token endpoint, issuer", () => {
    const pool = Object.keys(sandbox.findResources("AWS::Cognito::UserPool"))[0];
    const machine = Object.keys(sandbox.findResources("AWS::Cognito::UserPoolClient")).find((id) =>
      id.includes("MachineClient"),
    );
    sandbox.hasOutput("UserPoolId", { Value: { Ref: pool } });
    sandbox.hasOutput("MachineClientId", { Value: { Ref: machine } });
    sandbox.hasOutput("TokenEndpoint", { Value: Match.objectLike({ "Fn::Join": Match.anyValue() }) });
    expect(JSON.stringify(sandbox.findOutputs("TokenEndpoint"))).toContain("/oauth2/token");
    sandbox.hasOutput("Issuer", { Value: Match.objectLike({ "Fn::Join": Match.anyValue() }) });
  });
});
