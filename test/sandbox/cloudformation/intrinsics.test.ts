// Intrinsic functions resolve as CloudFormation resolves them when it creates a stack.
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Fn::Sub strings are CloudFormation's ${…} syntax, not JavaScript's
import { describe, expect, it } from "vitest";
import { type Resolvers, resolveTemplate, unresolvedIn } from "../../../sandbox/cloudformation/intrinsics";
import type { Template } from "../../../sandbox/cloudformation/template";

const resolvers: Resolvers = {
  refs: {
    "AWS::Region": "eu-west-1",
    "AWS::AccountId": "123456789012",
    Table: "my-table",
    Bucket: "my-bucket",
  },
  attribute: (logicalId, name) =>
    logicalId === "Table" && name === "Arn" ? "arn:aws:dynamodb:::table/my-table" : undefined,
  stackOutput: (stackName, outputName) =>
    stackName === "Producer" && outputName === "ApiId" ? "abc123" : undefined,
  exports: { SharedName: "exported" },
};

/** The resolved properties of one resource whose properties are `properties`. */
function resolve(properties: Record<string, unknown>, template: Partial<Template> = {}) {
  const resolved = resolveTemplate(
    {
      ...template,
      Resources: { Subject: { Type: "Test::Subject", Properties: properties }, ...template.Resources },
    },
    resolvers,
  );
  return resolved.Resources.Subject.Properties;
}

describe("resolving a template", () => {
  it("resolves Ref, Fn::GetAtt, Fn::Join, Fn::Select and Fn::Split against the stack's resources", () => {
    expect(
      resolve({
        Name: { Ref: "Table" },
        Arn: { "Fn::GetAtt": ["Table", "Arn"] },
        Joined: { "Fn::Join": ["-", [{ Ref: "AWS::Region" }, { Ref: "Bucket" }]] },
        Host: { "Fn::Select": [2, { "Fn::Split": ["/", "https://example.com/path"] }] },
      }),
    ).toEqual({
      Name: "my-table",
      Arn: "arn:aws:dynamodb:::table/my-table",
      Joined: "eu-west-1-my-bucket",
      Host: "example.com",
    });
  });

  it("substitutes Fn::Sub's pseudo parameters, Refs and attributes in both forms, and writes ${!Literal} as ${Literal}", () => {
    expect(
      resolve({
        Short: { "Fn::Sub": "arn:${AWS::Region}:${Table}:${Table.Arn}:${!Literal}" },
        Long: { "Fn::Sub": ["${Greeting}, ${Table} in ${AWS::AccountId}", { Greeting: { Ref: "Bucket" } }] },
      }),
    ).toEqual({
      Short: "arn:eu-west-1:my-table:arn:aws:dynamodb:::table/my-table:${Literal}",
      Long: "my-bucket, my-table in 123456789012",
    });
  });

  it("reads Fn::GetStackOutput from the producer stack's outputs, and Fn::ImportValue from the exports", () => {
    expect(
      resolve({
        Endpoint: {
          "Fn::Join": [
            "",
            ["https://", { "Fn::GetStackOutput": { StackName: "Producer", OutputName: "ApiId" } }],
          ],
        },
        Imported: { "Fn::ImportValue": "SharedName" },
      }),
    ).toEqual({ Endpoint: "https://abc123", Imported: "exported" });
  });

  it("evaluates conditions: Fn::If picks a branch, AWS::NoValue removes the property, a false condition marks its resource", () => {
    const template = resolveTemplate(
      {
        Conditions: { InIreland: { "Fn::Equals": [{ Ref: "AWS::Region" }, "eu-west-1"] } },
        Resources: {
          Subject: {
            Type: "Test::Subject",
            Properties: {
              Picked: { "Fn::If": ["InIreland", "yes", "no"] },
              Dropped: { "Fn::If": ["InIreland", { Ref: "AWS::NoValue" }, "kept"] },
            },
          },
          Elsewhere: { Type: "Test::Subject", Condition: "InIreland", Properties: {} },
        },
      },
      resolvers,
    );
    expect(template.Resources.Subject.Properties).toEqual({ Picked: "yes" });
    expect(template.Resources.Elsewhere.Condition).toBe(true);
  });
});

describe("what the sandbox cannot resolve", () => {
  it("is marked, so that whatever runs it can refuse to start with the reason", () => {
    const properties = resolve({
      Unknown: { "Fn::GetAtt": ["Table", "StreamArn"] },
      Missing: { "Fn::GetStackOutput": { StackName: "Nobody", OutputName: "X" } },
      Encoded: { "Fn::Base64": "text" },
    });
    expect(unresolvedIn(properties)).toEqual([
      ".Unknown: <<unresolved Fn::GetAtt Table.StreamArn>>",
      ".Missing: <<unresolved Fn::GetStackOutput Nobody.X>>",
      ".Encoded: Fn::Base64",
    ]);
  });
});

describe("a property holding a list", () => {
  it("stays an object with that property, even when it is the object's only one", () => {
    expect(
      resolve({ RemoveHeadersConfig: { Items: [{ Header: "Server" }] }, Roles: [{ Ref: "Table" }] }),
    ).toEqual({
      RemoveHeadersConfig: { Items: [{ Header: "Server" }] },
      Roles: ["my-table"],
    });
    expect(resolve({ Only: ["a", { Ref: "Bucket" }] })).toEqual({ Only: ["a", "my-bucket"] });
  });
});
