// One stack's review from two templates: what is replaced or deleted, and what it holds; permissions;
// acknowledgements; asset sizes; changes that are new asset versions only.
import { describe, expect, it } from "vitest";
import type { StackSnapshot, Template } from "../../../bin/cloud-assembly";
import { reviewStack } from "../../../bin/review/stack-review";

const NO_ASSETS = new Map();

const stack = (template: Template, extra: Partial<StackSnapshot> = {}): StackSnapshot => ({
  id: "Stage/App-Data",
  stackName: "App-Data",
  artifactId: "StageAppData1234",
  template,
  acknowledgements: [],
  assets: [],
  ...extra,
});

const table = (partitionKey: string, policies: Template = {}) => ({
  Type: "AWS::DynamoDB::Table",
  Properties: {
    KeySchema: [{ AttributeName: partitionKey, KeyType: "HASH" }],
    AttributeDefinitions: [{ AttributeName: partitionKey, AttributeType: "S" }],
    BillingMode: "PAY_PER_REQUEST",
  },
  Metadata: { "aws:cdk:path": "Stage/App-Data/Database/Table/Resource" },
  ...policies,
});

describe("reviewStack", () => {
  it("calls out a table whose key changes as replaced, holding data, with its policies and what happens", () => {
    const retain = { DeletionPolicy: "Retain", UpdateReplacePolicy: "Retain" };

    const review = reviewStack(
      stack({ Resources: { Table: table("pk", retain) } }),
      stack({ Resources: { Table: table("id", retain) } }),
      NO_ASSETS,
    );

    expect(review.counts).toEqual({ added: 0, changed: 1, removed: 0 });
    expect(review.resources).toEqual([
      {
        stack: "Stage/App-Data",
        path: "Database/Table",
        type: "AWS::DynamoDB::Table",
        impact: "replaced",
        causes: ["KeySchema"],
        data: "its items",
        deletionPolicy: "Retain",
        updateReplacePolicy: "Retain",
        consequence:
          "a new, empty resource takes its place; the old one is kept outside the stack, with its data",
      },
    ]);
    expect(review.replacedLogicalIds).toEqual(["Table"]);
  });

  it("says a deleted bucket goes with its objects by default, and stays in the account when retained", () => {
    const bucket = (policy?: string) => ({
      Type: "AWS::S3::Bucket",
      ...(policy ? { DeletionPolicy: policy } : {}),
    });

    const deleted = reviewStack(
      stack({ Resources: { Site: bucket() } }),
      stack({ Resources: {} }),
      NO_ASSETS,
    );
    const retained = reviewStack(stack({ Resources: { Logs: bucket("Retain") } }), stack({}), NO_ASSETS);

    expect(deleted.resources.map(({ impact, consequence }) => ({ impact, consequence }))).toEqual([
      { impact: "deleted", consequence: "deleted with its objects" },
    ]);
    expect(retained.resources.map(({ impact, consequence }) => ({ impact, consequence }))).toEqual([
      {
        impact: "removed, kept in the account",
        consequence: "no longer managed by the stack; it and its data stay in the account",
      },
    ]);
  });

  it("calls out a replaced resource that holds no data without marking it", () => {
    const topic = (name: string) => ({ Type: "AWS::SNS::Topic", Properties: { TopicName: name } });

    const review = reviewStack(
      stack({ Resources: { Alarms: topic("a") } }),
      stack({ Resources: { Alarms: topic("b") } }),
      NO_ASSETS,
    );

    expect(review.resources).toMatchObject([{ impact: "replaced", causes: ["TopicName"], data: undefined }]);
  });

  it("lists IAM statements that are added as a broadening, with the resource's construct path", () => {
    const policy = (actions: string[]) => ({
      Type: "AWS::IAM::Policy",
      Properties: {
        PolicyName: "p",
        Roles: ["role"],
        PolicyDocument: {
          Version: "2012-10-17",
          Statement: [{ Effect: "Allow", Action: actions, Resource: { "Fn::GetAtt": ["Table", "Arn"] } }],
        },
      },
    });
    const resources = (actions: string[]) => ({ Table: table("pk"), Policy: policy(actions) });

    const review = reviewStack(
      stack({ Resources: resources(["dynamodb:GetItem"]) }),
      stack({ Resources: resources(["dynamodb:GetItem", "dynamodb:Scan"]) }),
      NO_ASSETS,
    );

    expect(review.security?.broadened).toBe(true);
    const [statements] = review.security?.tables ?? [];
    expect(statements?.title).toBe("IAM statements");
    expect(statements?.rows[0]).toEqual(["", "Resource", "Effect", "Action", "Principal", "Condition"]);
    const added = statements?.rows.find((row) => row[0] === "+");
    expect(added?.[1]).toBe(`\${Database/Table.Arn}`);
    expect(added?.[3]).toContain("dynamodb:Scan");
  });

  it("reports no security change when permissions stay the same", () => {
    const review = reviewStack(stack({ Resources: {} }), stack({ Resources: {} }), NO_ASSETS);

    expect(review.isEmpty).toBe(true);
    expect(review.security).toBeUndefined();
    expect(review.details).toBe("");
  });

  it("lists acknowledgements added, removed and reworded", () => {
    const before = [
      { path: "Site", rule: "AwsSolutions-S1", reason: "no logs in a sandbox" },
      { path: "Api", rule: "AwsSolutions-APIG1", reason: "old reason" },
    ];
    const after = [
      { path: "Api", rule: "AwsSolutions-APIG1", reason: "new reason" },
      { path: "Role", rule: "AwsSolutions-IAM5[Resource::*]", reason: "the service needs it" },
    ];

    const review = reviewStack(
      stack({}, { acknowledgements: before }),
      stack({}, { acknowledgements: after }),
      NO_ASSETS,
    );

    expect(review.acknowledgements).toEqual({
      added: [after[1]],
      removed: [before[0]],
      reworded: [{ ...after[0], before: "old reason" }],
    });
  });

  it("compares staged asset sizes by name, leaving out the unchanged", () => {
    const asset = (name: string, bytes: number) => ({
      name,
      hash: `${name}-${bytes}`,
      destinations: [],
      bytes,
    });

    const review = reviewStack(
      stack({}, { assets: [asset("Api/Code", 1000), asset("Site", 50), asset("Old", 7)] }),
      stack({}, { assets: [asset("Api/Code", 1500), asset("Site", 50), asset("New", 9)] }),
      NO_ASSETS,
    );

    expect(review.assetSizes).toEqual([
      { name: "Api/Code", before: 1000, after: 1500 },
      { name: "New", before: undefined, after: 9 },
      { name: "Old", before: 7, after: undefined },
    ]);
  });

  it("recognises a change that is new asset versions only, and names the assets", () => {
    const oldHash = "a".repeat(64);
    const newHash = "b".repeat(64);
    const deployment = (hash: string, extra = {}) => ({
      Resources: {
        Deployment: {
          Type: "Custom::CDKBucketDeployment",
          Properties: { SourceObjectKeys: [`${hash}.zip`] },
        },
        ...extra,
      },
    });
    const changed = new Map([[oldHash, { name: "Deployment/Assets/Asset1", replacement: newHash }]]);

    const assetsOnly = reviewStack(stack(deployment(oldHash)), stack(deployment(newHash)), changed);
    const more = reviewStack(
      stack(deployment(oldHash)),
      stack(deployment(newHash, { Topic: { Type: "AWS::SNS::Topic" } })),
      changed,
    );

    expect(assetsOnly.assetsOnly).toEqual(["Deployment/Assets/Asset1"]);
    expect(assetsOnly.details).toContain(newHash);
    expect(more.assetsOnly).toBeUndefined();
  });

  it("ignores what cdk diff hides: the CDK metadata resource and the bootstrap version rule", () => {
    const template = (analytics: string) => ({
      Resources: { CDKMetadata: { Type: "AWS::CDK::Metadata", Properties: { Analytics: analytics } } },
      Rules: { CheckBootstrapVersion: { Assertions: [{ AssertDescription: analytics }] } },
    });

    const review = reviewStack(stack(template("v1")), stack(template("v2")), NO_ASSETS);

    expect(review.isEmpty).toBe(true);
  });

  it("treats a stack new to the app as all additions, and one gone from it as all removals", () => {
    const added = reviewStack(undefined, stack({ Resources: { Table: table("pk") } }), NO_ASSETS);
    const removed = reviewStack(stack({ Resources: { Table: table("pk") } }), undefined, NO_ASSETS);

    expect([added.presence, added.counts]).toEqual(["added", { added: 1, changed: 0, removed: 0 }]);
    expect([removed.presence, removed.counts]).toEqual(["removed", { added: 0, changed: 0, removed: 1 }]);
    expect(removed.resources).toMatchObject([{ impact: "deleted", data: "its items" }]);
  });
});
