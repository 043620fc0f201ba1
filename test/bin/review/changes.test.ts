// The whole app's review and what `--fail-on` gates on.
import { describe, expect, it } from "vitest";
import type { StackSnapshot, Template } from "../../../bin/cloud-assembly";
import { gateFailures, reviewChanges } from "../../../bin/review/changes";

const snapshot = (id: string, template: Template, hash = "a".repeat(64)): StackSnapshot => ({
  id,
  stackName: id,
  artifactId: id,
  template,
  acknowledgements: [],
  assets: [{ name: "Site", hash, destinations: [`111111111111-eu-west-1-${hash.slice(0, 8)}`], bytes: 10 }],
});

const bucket = (versioned: boolean) => ({
  Resources: {
    Bucket: {
      Type: "AWS::S3::Bucket",
      Properties: versioned ? { VersioningConfiguration: { Status: "Enabled" } } : {},
    },
  },
});
const role = (actions: string[]) => ({
  Resources: {
    Role: {
      Type: "AWS::IAM::Role",
      Properties: {
        AssumeRolePolicyDocument: {
          Statement: [
            { Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" },
          ],
        },
        Policies: [
          {
            PolicyName: "p",
            PolicyDocument: { Statement: [{ Effect: "Allow", Action: actions, Resource: "*" }] },
          },
        ],
      },
    },
  },
});

describe("reviewChanges", () => {
  it("lists the head's stacks in order, then those gone from the app", () => {
    const review = reviewChanges(
      [snapshot("A", {}), snapshot("Gone", {})],
      [snapshot("B", {}), snapshot("A", {})],
    );

    expect(review.stacks.map((stack) => [stack.id, stack.presence])).toEqual([
      ["B", "added"],
      ["A", "both"],
      ["Gone", "removed"],
    ]);
  });

  it("recognises a pipeline stack that only names new asset hashes and destinations as new asset versions", () => {
    const [oldHash, newHash] = ["a".repeat(64), "b".repeat(64)];
    const pipeline = (hash: string) => ({
      Resources: {
        Publish: {
          Type: "AWS::CodeBuild::Project",
          Properties: { BuildSpec: `publish ${hash}:111111111111-eu-west-1-${hash.slice(0, 8)}` },
        },
      },
    });

    const review = reviewChanges(
      [snapshot("Ui", {}, oldHash), snapshot("Pipeline", pipeline(oldHash))],
      [snapshot("Ui", {}, newHash), snapshot("Pipeline", pipeline(newHash))],
    );

    expect(review.stacks[1]?.assetsOnly).toEqual(["Site"]);
  });
});

describe("gateFailures", () => {
  it("fails 'replacement' on a replaced or deleted resource, and nothing else", () => {
    const review = reviewChanges([snapshot("S", bucket(false))], [snapshot("S", {})]);

    expect(gateFailures(review, ["replacement"])).toEqual(["1 resource(s) would be replaced or deleted"]);
    expect(gateFailures(review, ["security"])).toEqual([]);
  });

  it("fails 'security' on an IAM change, and 'any' on any change", () => {
    const review = reviewChanges([snapshot("S", role(["s3:GetObject"]))], [snapshot("S", role(["s3:*"]))]);

    expect(gateFailures(review, ["security", "any", "replacement"])).toEqual([
      "1 stack(s) change IAM permissions or security group rules",
      "1 stack(s) would change",
    ]);
  });

  it("passes every gate when nothing changes", () => {
    const review = reviewChanges([snapshot("S", bucket(true))], [snapshot("S", bucket(true))]);

    expect(gateFailures(review, ["replacement", "security", "any"])).toEqual([]);
  });
});
