// The sandbox app's stacks, deployed as CloudFormation would create them: in dependency order, each resource
// with its physical id, every value a function, an API or the distribution reads resolved to those ids.
import { describe, expect, it } from "vitest";
import { resolved } from "../../../sandbox/cloudformation/deployment";
import { sandboxDeployment } from "../../support/sandbox-assembly";

const deployment = () => sandboxDeployment();
const one = (type: string, pathPart: string) => {
  const found = deployment()
    .resourcesOfType(type)
    .filter((resource) => resource.constructPath?.includes(pathPart));
  if (found.length !== 1) throw new Error(`expected one ${type} at ${pathPart}, found ${found.length}`);
  return found[0];
};

describe("the sandbox app, deployed", () => {
  it("deploys the stacks producers first, as their weak references require", () => {
    expect(deployment().stacks.map((stack) => stack.stackName)).toEqual([
      "UserManagementSandbox-UsersAPI",
      "UserManagementSandbox-ChatbotAPI",
      "UserManagementSandbox-UsersUI",
    ]);
  });

  it("hands the Users API function the physical name of the table, through the Ref in its environment", () => {
    const table = one("AWS::DynamoDB::Table", "/Database/Table");
    const fn = one("AWS::Lambda::Function", "/API/UsersHttpApi/Function");
    expect(resolved(fn).Environment).toMatchObject({ Variables: { USERS_TABLE_NAME: table.physicalId } });
  });

  it("resolves the Chatbot API's authorizer from the Users API stack's outputs (Fn::GetStackOutput)", () => {
    const pool = one("AWS::Cognito::UserPool", "/Identity/UserPool");
    const authorizer = one("AWS::ApiGatewayV2::Authorizer", "UserManagementSandbox-ChatbotAPI/");
    expect(resolved(authorizer).JwtConfiguration).toMatchObject({ Issuer: pool.attribute("ProviderURL") });
  });

  it("points the distribution's API origins at the HTTP APIs' hosts", () => {
    const distribution = one("AWS::CloudFront::Distribution", "/CDN/Distribution");
    const { Origins } = resolved(distribution).DistributionConfig as { Origins: { DomainName: string }[] };
    const hosts = deployment()
      .resourcesOfType("AWS::ApiGatewayV2::Api")
      .map((api) => new URL(api.attribute("ApiEndpoint") as string).host);
    for (const host of hosts) expect(Origins.map((origin) => origin.DomainName)).toContain(host);
  });

  it("leaves nothing unresolved in any resource the sandbox runs", () => {
    for (const type of [
      "AWS::DynamoDB::Table",
      "AWS::Lambda::Function",
      "AWS::IAM::Policy",
      "AWS::ApiGatewayV2::Route",
      "AWS::ApiGatewayV2::Authorizer",
      "AWS::CloudFront::Distribution",
      "Custom::CDKBucketDeployment",
    ]) {
      for (const resource of deployment().resourcesOfType(type))
        expect(() => resolved(resource)).not.toThrow();
    }
  });
});
