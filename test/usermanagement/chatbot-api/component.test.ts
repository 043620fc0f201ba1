// The Chatbot API stack: its function, its one route, and its output.
import { Match, Template } from "aws-cdk-lib/assertions";
import * as dynamodb from "aws-cdk-lib/aws-dynamodb";
import { beforeAll, describe, expect, it } from "vitest";
import { UserManagement } from "../../../usermanagement/workload";
import { testApp } from "../../support/cdk-app";

let workload: UserManagement;
let template: Template;
beforeAll(() => {
  workload = new UserManagement(testApp(), {
    stackNamespace: "Test",
    databaseBillingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
  });
  template = Template.fromStack(workload.chatbotApi);
  // Synthesis of a whole workload: minutes on a busy two-core machine.
}, 300_000);

describe("the Chatbot API stack", () => {
  it("is named `<namespace>-ChatbotAPI` and depends on the Users API stack only, whose user pool it trusts", () => {
    expect(workload.chatbotApi.stackName).toBe("Test-ChatbotAPI");
    expect(workload.chatbotApi.dependencies).toEqual([workload.usersApi]);
    expect(workload.usersApi.dependencies).toEqual([]);
  });

  it("requires a token of the Users API's pool on every route, read from the Users API stack's outputs", () => {
    const [authorizerId] = Object.keys(template.findResources("AWS::ApiGatewayV2::Authorizer"));
    for (const route of Object.values(template.findResources("AWS::ApiGatewayV2::Route"))) {
      expect(route.Properties).toMatchObject({
        AuthorizationType: "JWT",
        AuthorizerId: { Ref: authorizerId },
      });
    }
    const authorizer = JSON.stringify(template.findResources("AWS::ApiGatewayV2::Authorizer"));
    expect(authorizer).toContain('"Fn::GetStackOutput":{"StackName":"Test-UsersAPI"');
    template.hasResourceProperties("AWS::ApiGatewayV2::Authorizer", {
      AuthorizerType: "JWT",
      IdentitySource: ["$request.header.Authorization"],
      JwtConfiguration: { Audience: Match.anyValue(), Issuer: Match.anyValue() },
    });
    const [configured] = Object.values(template.findResources("AWS::ApiGatewayV2::Authorizer"));
    // The SPA's client and the machine client.
    expect(configured.Properties.JwtConfiguration.Audience).toHaveLength(2);
  });

  it("reserves no concurrency unless told to", () => {
    template.hasResourceProperties("AWS::Lambda::Function", { ReservedConcurrentExecutions: Match.absent() });
  });

  it("runs its NLP function on Node.js 24, arm64, with JSON logs kept a week", () => {
    template.hasResourceProperties("AWS::Lambda::Function", {
      Runtime: "nodejs24.x",
      Architectures: ["arm64"],
      MemorySize: 512,
      LoggingConfig: Match.objectLike({ LogFormat: "JSON" }),
    });
    template.hasResourceProperties("AWS::Logs::LogGroup", { RetentionInDays: 7 });
  });

  it("may write its own log group and nothing else", () => {
    const statements = Object.values(template.findResources("AWS::IAM::Policy")).flatMap(
      (policy) => policy.Properties.PolicyDocument.Statement,
    );
    expect(statements).toEqual([
      {
        Effect: "Allow",
        Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
        Resource: { "Fn::GetAtt": [expect.stringMatching(/^NLPFunctionLogs/), "Arn"] },
      },
    ]);
    template.resourcePropertiesCountIs("AWS::IAM::Role", { ManagedPolicyArns: Match.anyValue() }, 0);
  });

  it("routes POST /api/chat, plus ANY for the function's 405, on a throttled, access-logged stage", () => {
    const routeKeys = Object.values(template.findResources("AWS::ApiGatewayV2::Route")).map(
      (route) => route.Properties.RouteKey,
    );
    expect(routeKeys.sort()).toEqual(["ANY /api/chat", "POST /api/chat"]);
    template.hasResourceProperties("AWS::ApiGatewayV2::Stage", {
      StageName: "$default",
      DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
      AccessLogSettings: Match.objectLike({ DestinationArn: Match.anyValue() }),
    });
  });

  it("publishes its endpoint", () => {
    template.hasOutput("APIEndpoint", { Value: Match.anyValue() });
  });
});
