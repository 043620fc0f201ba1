// A function as the Lambda service gets it from the templates: the staged bundle, the resolved environment,
// its settings, and its execution role with every policy attached to it.
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { deploy } from "../../../../sandbox/cloudformation/deployment";
import { functionDefinition } from "../../../../sandbox/cloudformation/resources/lambda-function";
import { sandboxDeployment } from "../../../support/sandbox-assembly";

const usersFunction = () => {
  const [fn] = sandboxDeployment()
    .resourcesOfType("AWS::Lambda::Function")
    .filter((resource) => resource.constructPath?.includes("/API/UsersHttpApi/"));
  return fn;
};

describe("the Users API function", () => {
  const { configuration, unevaluatedPolicies } = functionDefinition(sandboxDeployment(), usersFunction());

  it("runs the staged bundle that deploys, source map included", () => {
    expect(existsSync(join(configuration.codeDirectory, "index.mjs"))).toBe(true);
    expect(existsSync(join(configuration.codeDirectory, "index.mjs.map"))).toBe(true);
    expect(configuration.handler).toBe("index.handler");
  });

  it("gets the template's environment, resolved", () => {
    const [table] = sandboxDeployment().resourcesOfType("AWS::DynamoDB::Table");
    expect(configuration.environment).toMatchObject({
      USERS_TABLE_NAME: table.physicalId,
      POWERTOOLS_SERVICE_NAME: "users-api",
    });
  });

  it("keeps the template's timeout, memory and log group", () => {
    const [logGroup] = sandboxDeployment()
      .resourcesOfType("AWS::Logs::LogGroup")
      .filter((resource) => resource.constructPath?.includes("/API/UsersHttpApi/FunctionLogs"));
    expect(configuration).toMatchObject({
      timeoutSeconds: 10,
      memorySizeMb: 256,
      logGroupName: logGroup.physicalId,
    });
  });

  it("carries every policy of its role: the Query grant on the index among them", () => {
    const [table] = sandboxDeployment().resourcesOfType("AWS::DynamoDB::Table");
    const statements = configuration.role.policies.flatMap((policy) => [policy.Statement].flat());
    const queryOnIndex = statements.filter(
      ({ Action, Resource }) =>
        [Action].flat().includes("dynamodb:Query") &&
        [Resource].flat().includes(`${table.attribute("Arn")}/index/UsersByUsername`),
    );
    expect(queryOnIndex).toHaveLength(1);
    expect(configuration.role.arn).toMatch(/^arn:aws:iam::000000000000:role\/UserManagementSandbox-/);
    expect(unevaluatedPolicies).toEqual([]);
  });
});

describe("a role with a managed policy the templates do not hold", () => {
  it("reports the policy it cannot evaluate", () => {
    const code = mkdtempSync(join(tmpdir(), "function-code-"));
    const deployment = deploy([
      {
        stackName: "Fn",
        template: {
          Resources: {
            Role: {
              Type: "AWS::IAM::Role",
              Properties: {
                ManagedPolicyArns: ["arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"],
              },
            },
            Fn: {
              Type: "AWS::Lambda::Function",
              Properties: {
                Runtime: "nodejs24.x",
                Handler: "index.handler",
                Code: { S3Key: "code.zip" },
                Role: { "Fn::GetAtt": ["Role", "Arn"] },
              },
            },
          },
        },
        assetPath: () => code,
      },
    ]);
    const [fn] = deployment.resourcesOfType("AWS::Lambda::Function");
    const { configuration, unevaluatedPolicies } = functionDefinition(deployment, fn);
    expect(unevaluatedPolicies).toEqual(["arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"]);
    // Lambda's defaults where the template sets nothing.
    expect(configuration).toMatchObject({
      timeoutSeconds: 3,
      memorySizeMb: 128,
      logGroupName: `/aws/lambda/${fn.physicalId}`,
    });
  });
});
