// The workload container: one stack per component, named after the namespace, with every setting passed through.

import { Match, Template } from "aws-cdk-lib/assertions";
import * as apigwv2 from "aws-cdk-lib/aws-apigatewayv2";
import type * as cognito from "aws-cdk-lib/aws-cognito";
import * as dynamodb from "aws-cdk-lib/aws-dynamodb";
import { describe, expect, it } from "vitest";
import { UserManagement } from "../../usermanagement/workload";
import { testApp } from "../support/cdk-app";

describe("UserManagement", () => {
  it("names each component stack `<namespace>-<component>`, as both its id and its CloudFormation name", () => {
    const app = testApp();

    const workload = new UserManagement(app, {
      stackNamespace: "Acme",
      databaseBillingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
    });

    expect(workload.usersApi.node.id).toBe("Acme-UsersAPI");
    expect(workload.usersApi.stackName).toBe("Acme-UsersAPI");
    expect(app.node.children.map((child) => child.node.id)).toContain("Acme-UsersAPI");
  });

  it("hands its settings and stack props to the components, hard-coding none", () => {
    const workload = new UserManagement(testApp(), {
      stackNamespace: "Acme",
      usersApiReservedConcurrency: 7,
      databaseBillingMode: dynamodb.BillingMode.PROVISIONED,
      env: { account: "123456789012", region: "eu-central-1" },
      tags: { CostCenter: "42" },
    });

    const template = Template.fromStack(workload.usersApi);
    template.hasResourceProperties("AWS::Lambda::Function", { ReservedConcurrentExecutions: 7 });
    template.hasResourceProperties("AWS::DynamoDB::Table", {
      ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 },
    });
    expect(workload.usersApi.account).toBe("123456789012");
    expect(workload.usersApi.region).toBe("eu-central-1");
    expect(workload.usersApi.tags.tagValues()).toEqual({ CostCenter: "42" });
  }, 120_000);

  it("decides the retention posture once: production keeps a year of logs and the user pool in every API stack", () => {
    const workload = new UserManagement(testApp(), {
      stackNamespace: "Acme",
      databaseBillingMode: dynamodb.BillingMode.PROVISIONED,
      production: true,
      smokeTestRole: { account: "111111111111", roleName: "Toolchain-eu-west-1-smoke-test" },
      env: { account: "222222222222", region: "eu-west-1" },
    });

    const usersApi = Template.fromStack(workload.usersApi);
    const chatbotApi = Template.fromStack(workload.chatbotApi);
    for (const template of [usersApi, chatbotApi]) {
      const groups = Object.values(template.findResources("AWS::Logs::LogGroup"));
      expect(groups.length).toBeGreaterThan(0);
      for (const group of groups) {
        expect(group.Properties.RetentionInDays).toBe(365);
        expect(group.DeletionPolicy).toBe("Retain");
      }
    }
    usersApi.hasResource("AWS::Cognito::UserPool", { DeletionPolicy: "Retain" });
    usersApi.hasResourceProperties("AWS::IAM::Role", {
      RoleName: "Acme-UsersAPI-eu-west-1-secret-reader",
    });
  }, 120_000);

  it("has the UI register its own URL on the Users API's SPA client and serve the pool's sign-in settings", () => {
    const workload = new UserManagement(testApp(), {
      stackNamespace: "Acme",
      databaseBillingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
    });

    const ui = Template.fromStack(workload.usersUi);
    const [distribution] = Object.keys(ui.findResources("AWS::CloudFront::Distribution"));
    ui.hasResourceProperties("Custom::SignInUrls", {
      Urls: [{ "Fn::Join": ["", ["https://", { "Fn::GetAtt": [distribution, "DomainName"] }, "/"]] }],
      ClientId: { "Fn::GetStackOutput": Match.objectLike({ StackName: "Acme-UsersAPI" }) },
    });
    const csp = JSON.stringify(ui.findResources("AWS::CloudFront::ResponseHeadersPolicy"));
    expect(csp).toContain("https://cognito-idp.");
    expect(workload.usersUi.dependencies.map((stack) => stack.stackName).sort()).toEqual([
      "Acme-ChatbotAPI",
      "Acme-UsersAPI",
    ]);
  }, 120_000);

  it("changes the UI's template when an API's HTTP API is replaced, so a deployment re-reads its endpoint", () => {
    const distributionComment = (replaceUsersHttpApi: boolean) => {
      const workload = new UserManagement(testApp(), {
        stackNamespace: "Acme",
        databaseBillingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      });
      if (replaceUsersHttpApi) {
        // A new logical id is how a refactoring replaces a resource: a new API, a new execute-api host.
        const httpApi = workload.usersApi.node
          .findAll()
          .find((construct) => construct instanceof apigwv2.CfnApi) as apigwv2.CfnApi;
        httpApi.overrideLogicalId("RenamedUsersHttpApi");
      }
      const ui = Template.fromStack(workload.usersUi);
      const [distribution] = Object.values(ui.findResources("AWS::CloudFront::Distribution"));
      return distribution.Properties.DistributionConfig.Comment as string;
    };

    const before = distributionComment(false);
    const after = distributionComment(true);

    expect(before).toMatch(/^Users UI \(Acme-UsersUI\) · APIs [0-9a-f]{16} [0-9a-f]{16}$/);
    expect(after).not.toBe(before);
    expect(distributionComment(false)).toBe(before);
  }, 120_000);

  it("changes the Chatbot API's and the UI's templates when the user pool is replaced, so both re-read it", () => {
    const consumers = (replacePool: boolean) => {
      const workload = new UserManagement(testApp(), {
        stackNamespace: "Acme",
        databaseBillingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      });
      if (replacePool) {
        // A property CloudFormation can only change by replacing the pool: a new pool id, new client ids.
        const pool = workload.usersApi.identity.userPool.node.defaultChild as cognito.CfnUserPool;
        pool.addPropertyOverride("UsernameAttributes", ["phone_number"]);
      }
      const chatbot = Template.fromStack(workload.chatbotApi);
      const ui = Template.fromStack(workload.usersUi);
      const [authorizer] = Object.values(chatbot.findResources("AWS::ApiGatewayV2::Authorizer"));
      const [registration] = Object.values(ui.findResources("Custom::SignInUrls"));
      return {
        chatbotAuthorizer: authorizer.Properties.Name as string,
        uiRegistration: registration.Properties.ClientFingerprint as string,
      };
    };

    const before = consumers(false);
    const after = consumers(true);

    // The Chatbot API reads the issuer (the pool) and the audience (both clients) by weak reference.
    expect(before.chatbotAuthorizer).toMatch(/^JwtAuthorizer-[0-9a-f]{16}$/);
    expect(after.chatbotAuthorizer).not.toBe(before.chatbotAuthorizer);
    expect(after.uiRegistration).not.toBe(before.uiRegistration);
    expect(consumers(false)).toEqual(before);
  }, 180_000);

  it("tells the Users API where the UI's URL is, by the UI stack's name and output, without a reference", () => {
    const workload = new UserManagement(testApp(), {
      stackNamespace: "Acme",
      databaseBillingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
    });

    Template.fromStack(workload.usersApi).hasResourceProperties("Custom::SignInUrls", {
      UrlFromStackOutput: { StackName: workload.usersUi.stackName, OutputName: "UIURL" },
    });
    expect(workload.usersUi.urlOutput.node.id).toBe("UIURL");
    expect(workload.usersApi.dependencies).toEqual([]);
  }, 120_000);
});
