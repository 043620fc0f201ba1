// A consumer's template changes exactly when the producer's resource could have a new identity.
import { Fn, Stack } from "aws-cdk-lib";
import { Template } from "aws-cdk-lib/assertions";
import * as apigwv2 from "aws-cdk-lib/aws-apigatewayv2";
import * as cognito from "aws-cdk-lib/aws-cognito";
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

describe("resourceFingerprint of a resource that names another", () => {
  /**
   * A user pool and its clients in a producer, and what a consumer holds of the first client's fingerprint. The
   * pool's `UsernameAttributes` can only change by replacing it, which replaces its clients too (their
   * `UserPoolId` changes), while the client's own template still reads `{ Ref: Pool }`.
   */
  function clientFingerprint(
    options: { usernameAttribute?: string; clientSetting?: number; both?: boolean } = {},
  ) {
    const app = testApp();
    const producer = new Stack(app, "Producer");
    const pool = new cognito.CfnUserPool(producer, "Pool", {
      usernameAttributes: [options.usernameAttribute ?? "email"],
    });
    const client = new cognito.CfnUserPoolClient(producer, "Client", {
      userPoolId: pool.ref,
      accessTokenValidity: options.clientSetting ?? 60,
    });
    const other = new cognito.CfnUserPoolClient(producer, "Other", { userPoolId: pool.ref });
    const consumer = new Stack(app, "Consumer");
    const fingerprint = options.both ? resourceFingerprint(client, other) : resourceFingerprint(client);
    new ssm.StringParameter(consumer, "Seen", { stringValue: fingerprint });
    const [parameter] = Object.values(Template.fromStack(consumer).findResources("AWS::SSM::Parameter"));
    return parameter.Properties.Value as string;
  }

  it("changes when the resource it names is replaced, though its own template is unchanged", () => {
    expect(clientFingerprint({ usernameAttribute: "phone_number" })).not.toBe(clientFingerprint());
    expect(clientFingerprint()).toBe(clientFingerprint());
  });

  it("changes with the resource's own settings, and covers every resource it is given", () => {
    expect(clientFingerprint({ clientSetting: 30 })).not.toBe(clientFingerprint());
    expect(clientFingerprint({ both: true })).not.toBe(clientFingerprint());
  });

  it.each([
    ["Fn::GetAtt", (pool: cognito.CfnUserPool) => pool.attrArn],
    // biome-ignore lint/suspicious/noTemplateCurlyInString: Fn::Sub's own placeholder, for CloudFormation to fill
    ["Fn::Sub", () => Fn.sub("pool ${Pool.ProviderName}")],
  ])("follows %s as it follows Ref", (_how, reference) => {
    const seen = (usernameAttribute: string) => {
      const app = testApp();
      const producer = new Stack(app, "Producer");
      const pool = new cognito.CfnUserPool(producer, "Pool", { usernameAttributes: [usernameAttribute] });
      pool.overrideLogicalId("Pool");
      const parameter = new ssm.CfnParameter(producer, "Named", { type: "String", value: reference(pool) });
      const consumer = new Stack(app, "Consumer");
      new ssm.StringParameter(consumer, "Seen", { stringValue: resourceFingerprint(parameter) });
      return Object.values(Template.fromStack(consumer).findResources("AWS::SSM::Parameter"))[0].Properties
        .Value;
    };

    expect(seen("phone_number")).not.toBe(seen("email"));
  });
});
