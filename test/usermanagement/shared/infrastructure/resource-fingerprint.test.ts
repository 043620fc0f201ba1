// A consumer's template changes exactly when the producer's resource could have a new identity.
import { Stack } from "aws-cdk-lib";
import { Template } from "aws-cdk-lib/assertions";
import * as apigwv2 from "aws-cdk-lib/aws-apigatewayv2";
import * as ssm from "aws-cdk-lib/aws-ssm";
import { describe, expect, it } from "vitest";
import { resourceFingerprint } from "../../../../usermanagement/shared/infrastructure/resource-fingerprint";
import { testApp } from "../../../support/cdk-app";

/** The fingerprint of an HTTP API as a consumer stack's template holds it. */
function fingerprintSeenByConsumer(apiId: string, description: string, laterDescription?: string): string {
  const app = testApp();
  const api = new apigwv2.HttpApi(new Stack(app, "Producer"), apiId, { description });
  const cfnApi = api.node.defaultChild as apigwv2.CfnApi;
  const consumer = new Stack(app, "Consumer");
  new ssm.StringParameter(consumer, "Seen", { stringValue: resourceFingerprint(cfnApi) });
  if (laterDescription) cfnApi.description = laterDescription;
  const [parameter] = Object.values(Template.fromStack(consumer).findResources("AWS::SSM::Parameter"));
  return parameter.Properties.Value;
}

describe("resourceFingerprint", () => {
  it("stays the same from one synth to the next, so an unchanged producer changes no consumer", () => {
    expect(fingerprintSeenByConsumer("Api", "v1")).toMatch(/^[0-9a-f]{16}$/);
    expect(fingerprintSeenByConsumer("Api", "v1")).toBe(fingerprintSeenByConsumer("Api", "v1"));
  });

  it("changes when the resource's logical id changes, which replaces it", () => {
    expect(fingerprintSeenByConsumer("RenamedApi", "v1")).not.toBe(fingerprintSeenByConsumer("Api", "v1"));
  });

  it("changes when a property changes, even one set after the fingerprint was taken", () => {
    expect(fingerprintSeenByConsumer("Api", "v1", "v2")).toBe(fingerprintSeenByConsumer("Api", "v2"));
    expect(fingerprintSeenByConsumer("Api", "v2")).not.toBe(fingerprintSeenByConsumer("Api", "v1"));
  });
});
