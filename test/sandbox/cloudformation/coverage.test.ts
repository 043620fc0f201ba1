// `npm start` says what it does not run, one line per stand-in, and never a type it runs.
import { describe, expect, it } from "vitest";
import { notRunLines } from "../../../sandbox/cloudformation/coverage";
import { deploy } from "../../../sandbox/cloudformation/deployment";
import { sandboxDeployment } from "../../support/sandbox-assembly";

describe("what the sandbox says it does not run", () => {
  const apiFunctions = () =>
    new Set(
      sandboxDeployment()
        .resourcesOfType("AWS::Lambda::Function")
        .filter((fn) => /\/(API\/UsersHttpApi|NLP)\//.test(fn.constructPath ?? ""))
        .map((fn) => fn.physicalId),
    );

  it("names the user pool's stand-in, and what nothing stands in for", () => {
    const lines = notRunLines(sandboxDeployment(), apiFunctions());
    expect(lines).toContainEqual(expect.stringMatching(/^AWS::Cognito::UserPool, .* → the sandbox issuer/));
    expect(lines).toContainEqual(
      expect.stringMatching(/^AWS::CloudWatch::Alarm, AWS::CloudWatch::Dashboard, .* → not run$/),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(/^AWS::Lambda::Function → not run, where no HTTP API invokes it/),
    );
  });

  it("never lists a type it runs, nor a function it runs", () => {
    const text = notRunLines(sandboxDeployment(), apiFunctions()).join("\n");
    for (const type of [
      "AWS::DynamoDB::Table",
      "AWS::ApiGatewayV2::Route",
      "AWS::CloudFront::Distribution",
      "Custom::CDKBucketDeployment",
    ]) {
      expect(text).not.toContain(type);
    }
    const everyFunction = new Set(
      sandboxDeployment()
        .resourcesOfType("AWS::Lambda::Function")
        .map((fn) => fn.physicalId),
    );
    expect(notRunLines(sandboxDeployment(), everyFunction).join("\n")).not.toContain("AWS::Lambda::Function");
  });

  it("says a type it does not know is not run", () => {
    const deployment = deploy([
      {
        stackName: "Q",
        template: { Resources: { Queue: { Type: "AWS::SQS::Queue" } } },
        assetPath: () => undefined,
      },
    ]);
    expect(notRunLines(deployment, new Set())).toEqual(["AWS::SQS::Queue → not run"]);
  });
});
