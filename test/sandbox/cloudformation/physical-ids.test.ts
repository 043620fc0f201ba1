// A resource without a name of its own gets one as CloudFormation generates it, within the type's limit; a
// named one keeps its name; attributes take the form the type's reference page documents.
import { describe, expect, it } from "vitest";
import {
  generatedName,
  provision,
  type StackEnvironment,
} from "../../../sandbox/cloudformation/physical-ids";

const env: StackEnvironment = {
  stackName: "UserManagementSandbox-UsersAPI",
  region: "eu-west-1",
  accountId: "123456789012",
  partition: "aws",
  urlSuffix: "amazonaws.com",
};

describe("a generated name", () => {
  it("is `<stack>-<logical id>-<suffix>` when it fits", () => {
    expect(generatedName("Stack", "Table1234", 255, "ABCDEFGHIJKL")).toBe("Stack-Table1234-ABCDEFGHIJKL");
  });

  it("shortens the longer of the stack name and the logical id until it fits the type's limit", () => {
    const name = generatedName(env.stackName, "APIUsersHttpApiFunctionE7161D23", 64, "ABCDEFGHIJKL");
    expect(name).toHaveLength(64);
    expect(name).toMatch(
      /^UserManagementSandbox-Use[a-zA-Z]*-APIUsersHttpApiFunction[0-9A-F]*-ABCDEFGHIJKL$/,
    );
  });
});

describe("a resource's identity", () => {
  it("names an unnamed table after its stack and logical id, and derives its ARN from that name", () => {
    const table = provision("AWS::DynamoDB::Table", { logicalId: "DatabaseTableF104A135", env });
    expect(table.physicalId).toMatch(/^UserManagementSandbox-UsersAPI-DatabaseTableF104A135-[A-Z0-9]{12}$/);
    expect(table.attribute("Arn")).toBe(`arn:aws:dynamodb:eu-west-1:123456789012:table/${table.physicalId}`);
  });

  it("keeps the name a template gives, and lowercases a generated bucket name as S3 requires", () => {
    expect(provision("AWS::Lambda::Function", { logicalId: "Fn", env, name: "named" }).physicalId).toBe(
      "named",
    );
    expect(provision("AWS::S3::Bucket", { logicalId: "SiteBucket978D4AEB", env }).physicalId).toMatch(
      /^usermanagementsandbox-usersapi-sitebucket978d4aeb-[a-z0-9]{12}$/,
    );
  });

  it("gives an HTTP API an id and the endpoint API Gateway serves it at", () => {
    const api = provision("AWS::ApiGatewayV2::Api", { logicalId: "HttpApi", env });
    expect(api.physicalId).toMatch(/^[a-z0-9]{10}$/);
    expect(api.attribute("ApiEndpoint")).toBe(
      `https://${api.physicalId}.execute-api.eu-west-1.amazonaws.com`,
    );
  });

  it("gives a user pool a regional id and Cognito's issuer URL", () => {
    const pool = provision("AWS::Cognito::UserPool", { logicalId: "UserPool", env });
    expect(pool.physicalId).toMatch(/^eu-west-1_[A-Za-z0-9]{9}$/);
    expect(pool.attribute("ProviderURL")).toBe(
      `https://cognito-idp.eu-west-1.amazonaws.com/${pool.physicalId}`,
    );
  });

  it("knows no attribute of a type the sandbox does not know but its ARN", () => {
    const queue = provision("AWS::SQS::Queue", { logicalId: "Queue", env });
    expect(queue.attribute("Arn")).toBe(`arn:aws:sqs:eu-west-1:123456789012:queue/${queue.physicalId}`);
    expect(queue.attribute("QueueUrl")).toBeUndefined();
  });
});
