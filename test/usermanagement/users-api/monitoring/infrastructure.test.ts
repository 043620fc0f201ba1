// The monitoring unit's alarm topic key: kept with production's data, gone with a sandbox.
import { Stack } from "aws-cdk-lib";
import { Template } from "aws-cdk-lib/assertions";
import * as apigwv2 from "aws-cdk-lib/aws-apigatewayv2";
import * as dynamodb from "aws-cdk-lib/aws-dynamodb";
import * as lambda from "aws-cdk-lib/aws-lambda";
import { describe, expect, it } from "vitest";
import { Monitoring } from "../../../../usermanagement/users-api/monitoring/infrastructure";
import { testApp } from "../../../support/cdk-app";

function synthMonitoring(retainKey?: boolean): Template {
  const stack = new Stack(testApp(), "Test", { env: { account: "123456789012", region: "eu-west-1" } });
  new Monitoring(stack, "Monitoring", {
    httpApi: new apigwv2.HttpApi(stack, "Api"),
    function: new lambda.Function(stack, "Function", {
      runtime: lambda.Runtime.NODEJS_24_X,
      handler: "index.handler",
      code: lambda.Code.fromInline("exports.handler = async () => ({})"),
    }),
    table: new dynamodb.TableV2(stack, "Table", {
      partitionKey: { name: "pk", type: dynamodb.AttributeType.STRING },
    }),
    retainKey,
  });
  return Template.fromStack(stack);
}

describe("the alarm topic's key", () => {
  it("is scheduled for deletion with a sandbox's stack, after KMS's shortest wait of 7 days", () => {
    const [key] = Object.values(synthMonitoring().findResources("AWS::KMS::Key"));

    expect(key.DeletionPolicy).toBe("Delete");
    expect(key.UpdateReplacePolicy).toBe("Delete");
    expect(key.Properties.PendingWindowInDays).toBe(7);
  });

  it("is kept when production's stack goes, like everything production encrypted", () => {
    const [key] = Object.values(synthMonitoring(true).findResources("AWS::KMS::Key"));

    expect(key.DeletionPolicy).toBe("Retain");
    expect(key.UpdateReplacePolicy).toBe("Retain");
  });
});
