// A change made only in a construct reaches the sandbox, because the sandbox runs what the change synthesizes:
// each test app here is the sandbox app with one escape hatch, and the sandbox answers as AWS would.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Stack } from "aws-cdk-lib";
import * as apigwv2 from "aws-cdk-lib/aws-apigatewayv2";
import * as cloudfront from "aws-cdk-lib/aws-cloudfront";
import type * as iam from "aws-cdk-lib/aws-iam";
import type * as lambda from "aws-cdk-lib/aws-lambda";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { synthesizeSandboxApp } from "../../sandbox/cloudformation/synthesis";
import { type RunningSandbox, startSandbox } from "../../sandbox/sandbox";
import type { API } from "../../usermanagement/users-api/api/infrastructure";
import type { UserManagement } from "../../usermanagement/workload";
import { machineToken } from "../support/sandbox-users";

/** The assemblies this file synthesized, removed after it. */
const assemblies: string[] = [];

/** The sandbox app with `modify` applied, synthesized into a directory of its own. */
function changedApp(modify: (workload: UserManagement) => void): string {
  const outdir = mkdtempSync(join(tmpdir(), "changed-app-"));
  assemblies.push(outdir);
  return synthesizeSandboxApp({ outdir, modify });
}

/** The Users API's own function (the stack has others: its custom resources' providers). */
const usersFunction = (workload: UserManagement) =>
  (workload.usersApi.node.findChild("API") as API).function as lambda.Function;

/** The Users API function's role without the statement granting `dynamodb:Query` (as if the grant were forgotten). */
function withoutQueryGrant(workload: UserManagement): void {
  const policy = usersFunction(workload).role?.node.tryFindChild("DefaultPolicy") as iam.Policy;
  const cfnPolicy = policy.node.defaultChild as iam.CfnPolicy;
  const { Statement } = Stack.of(cfnPolicy).resolve(cfnPolicy.policyDocument) as {
    Statement: { Action: unknown }[];
  };
  const kept = Statement.filter((statement) => ![statement.Action].flat().includes("dynamodb:Query"));
  expect(kept.length).toBe(Statement.length - 1);
  cfnPolicy.addPropertyOverride("PolicyDocument.Statement", kept);
}

/** Every line the functions of the first sandbox logged. */
const functionLines: string[] = [];

let routesAndHeaders: RunningSandbox;
let tableName: RunningSandbox;

beforeAll(async () => {
  vi.spyOn(console, "error").mockImplementation(() => undefined);
  const quiet = { port: 0, report: () => undefined };
  // Both apps synthesize in this process, one after the other (they share the bundles CDK keeps per process).
  const changedRoutesAndHeaders = changedApp((workload) => {
    for (const route of workload.chatbotApi.node.findAll().filter((c) => c instanceof apigwv2.HttpRoute)) {
      route.node.scope?.node.tryRemoveChild(route.node.id);
    }
    const policy = workload.usersUi.node
      .findAll()
      .find(
        (c): c is cloudfront.CfnResponseHeadersPolicy => c instanceof cloudfront.CfnResponseHeadersPolicy,
      );
    policy?.addPropertyOverride(
      "ResponseHeadersPolicyConfig.SecurityHeadersConfig.ReferrerPolicy.ReferrerPolicy",
      "no-referrer",
    );
    withoutQueryGrant(workload);
  });
  // The table name the sandbox used to hard-code, set in the construct instead of the table's real name.
  const changedTableName = changedApp((workload) =>
    usersFunction(workload).addEnvironment("USERS_TABLE_NAME", "Users"),
  );
  [routesAndHeaders, tableName] = await Promise.all([
    startSandbox({
      ...quiet,
      assembly: changedRoutesAndHeaders,
      functionLogs: ({ line }) => functionLines.push(line),
    }),
    startSandbox({ ...quiet, assembly: changedTableName, functionLogs: () => undefined }),
  ]);
}, 240_000);

afterAll(async () => {
  await Promise.all([routesAndHeaders?.stop(), tableName?.stop()]);
  for (const assembly of assemblies) rmSync(assembly, { recursive: true, force: true });
});

const call = async (sandbox: RunningSandbox, path: string, init: RequestInit = {}) =>
  fetch(`${sandbox.url}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${await machineToken(sandbox.url)}`, ...init.headers },
  });

describe("a construct's change reaching the sandbox", () => {
  it("a removed route: API Gateway answers 404 for it, and the other API is untouched", async () => {
    const chat = await call(routesAndHeaders, "/api/chat", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ sessionId: "s1", text: "list users" }),
    });
    expect(chat.status).toBe(404);
    expect(await chat.json()).toEqual({ message: "Not Found" });
    expect((await call(routesAndHeaders, "/api/users/nobody")).status).toBe(404);
  });

  it("a removed IAM grant: DynamoDB denies the call and the API answers as in AWS, while what stays granted works", async () => {
    const username = "granted";
    const created = await call(routesAndHeaders, "/api/users", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username, email: "granted@example.com" }),
    });
    expect(created.status).toBe(201);
    expect((await call(routesAndHeaders, `/api/users/${username}`)).status).toBe(200);
    // Listing queries the username index: the one action the role no longer has.
    const listed = await call(routesAndHeaders, "/api/users?limit=5");
    expect(listed.status).toBe(500);
    expect(await listed.json()).toMatchObject({
      status: 500,
      type: expect.stringMatching(/internal-error$/),
    });
    expect(functionLines.join("\n")).toMatch(/AccessDeniedException.*dynamodb:Query/s);
  });

  it("a changed response header: the distribution serves the policy's new value", async () => {
    for (const path of ["/", "/api/users"]) {
      expect((await call(routesAndHeaders, path)).headers.get("referrer-policy"), path).toBe("no-referrer");
    }
  });

  it("a changed environment variable: the function sees it, and with a table that does not exist every request fails as in AWS", async () => {
    const listed = await call(tableName, "/api/users");
    // The function ran and answered its own 500: DynamoDB said ResourceNotFoundException for table "Users".
    expect(listed.status).toBe(500);
    expect(await listed.json()).toMatchObject({
      status: 500,
      type: expect.stringMatching(/internal-error$/),
    });
    const created = await call(tableName, "/api/users", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "alice", email: "alice@example.com" }),
    });
    expect(created.status).toBe(500);
  });

  it("names each stack's table as CloudFormation does, so only the template's name reaches it", () => {
    const [table] = routesAndHeaders.deployment.resourcesOfType("AWS::DynamoDB::Table");
    expect(table.physicalId).toMatch(
      /^UserManagementSandbox-UsersAPI-DatabaseTable[0-9A-F]{8}-[A-Z0-9]{12}$/,
    );
  });
});
