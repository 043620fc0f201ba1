// Each DynamoDB call maps to the IAM actions and resource ARNs DynamoDB checks for it.
import { runSimulation } from "@cloud-copilot/iam-simulate";
import { describe, expect, it } from "vitest";
import { dynamoDBAuthorizations } from "../../../sandbox/dynamodb/dynamodb-authorizations";

const scope = { region: "eu-west-1", accountId: "123456789012" };
const table = (name: string) => `arn:aws:dynamodb:eu-west-1:123456789012:table/${name}`;

describe("dynamoDBAuthorizations", () => {
  it("checks a query of an index against the index's ARN, and of the table against the table's", () => {
    expect(dynamoDBAuthorizations("Query", { TableName: "Users", IndexName: "byName" }, scope)).toEqual([
      { action: "dynamodb:Query", resource: `${table("Users")}/index/byName` },
    ]);
    expect(dynamoDBAuthorizations("Scan", { TableName: "Users" }, scope)).toEqual([
      { action: "dynamodb:Scan", resource: table("Users") },
    ]);
  });

  it("checks a write transaction item by item, each on its own table, as a transaction", () => {
    const body = {
      TransactItems: [
        { Put: { TableName: "Users" } },
        { Update: { TableName: "Users" } },
        { Delete: { TableName: "Claims" } },
        { ConditionCheck: { TableName: "Claims" } },
      ],
    };
    const context = { "dynamodb:EnclosingOperation": "TransactWriteItems" };

    expect(dynamoDBAuthorizations("TransactWriteItems", body, scope)).toEqual([
      { action: "dynamodb:PutItem", resource: table("Users"), context },
      { action: "dynamodb:UpdateItem", resource: table("Users"), context },
      { action: "dynamodb:DeleteItem", resource: table("Claims"), context },
      { action: "dynamodb:ConditionCheckItem", resource: table("Claims"), context },
    ]);
  });

  it("checks a read transaction's items as GetItem", () => {
    expect(
      dynamoDBAuthorizations("TransactGetItems", { TransactItems: [{ Get: { TableName: "Users" } }] }, scope),
    ).toEqual([
      {
        action: "dynamodb:GetItem",
        resource: table("Users"),
        context: { "dynamodb:EnclosingOperation": "TransactGetItems" },
      },
    ]);
  });

  it("checks a batch once per table it touches", () => {
    const body = { RequestItems: { Users: {}, Claims: {} } };

    expect(dynamoDBAuthorizations("BatchWriteItem", body, scope)).toEqual([
      { action: "dynamodb:BatchWriteItem", resource: table("Users") },
      { action: "dynamodb:BatchWriteItem", resource: table("Claims") },
    ]);
  });

  it("checks single-item and table calls on the table, account-wide calls on *", () => {
    expect(dynamoDBAuthorizations("GetItem", { TableName: "Users" }, scope)).toEqual([
      { action: "dynamodb:GetItem", resource: table("Users") },
    ]);
    expect(dynamoDBAuthorizations("DescribeTable", { TableName: table("Users") }, scope)).toEqual([
      { action: "dynamodb:DescribeTable", resource: table("Users") },
    ]);
    expect(dynamoDBAuthorizations("ListTables", {}, scope)).toEqual([
      { action: "dynamodb:ListTables", resource: "*" },
    ]);
  });

  it("checks a PartiQL statement by its verb on the table or index it names", () => {
    expect(
      dynamoDBAuthorizations(
        "ExecuteStatement",
        { Statement: 'SELECT * FROM "Users"."byName" WHERE x = ?' },
        scope,
      ),
    ).toEqual([{ action: "dynamodb:PartiQLSelect", resource: `${table("Users")}/index/byName` }]);
    expect(
      dynamoDBAuthorizations(
        "ExecuteTransaction",
        { TransactStatements: [{ Statement: "DELETE FROM Users WHERE pk = ?" }] },
        scope,
      ),
    ).toEqual([{ action: "dynamodb:PartiQLDelete", resource: table("Users") }]);
  });

  it("names only actions and resources IAM knows", async () => {
    const calls: [string, Record<string, unknown>][] = [
      ["GetItem", { TableName: "T" }],
      ["PutItem", { TableName: "T" }],
      ["UpdateItem", { TableName: "T" }],
      ["DeleteItem", { TableName: "T" }],
      ["Query", { TableName: "T", IndexName: "I" }],
      ["Scan", { TableName: "T" }],
      ["BatchGetItem", { RequestItems: { T: {} } }],
      ["BatchWriteItem", { RequestItems: { T: {} } }],
      [
        "TransactWriteItems",
        { TransactItems: [{ Put: { TableName: "T" } }, { ConditionCheck: { TableName: "T" } }] },
      ],
      ["TransactGetItems", { TransactItems: [{ Get: { TableName: "T" } }] }],
      ["DescribeTable", { TableName: "T" }],
      ["CreateTable", { TableName: "T" }],
      ["ListTables", {}],
      ["ExecuteStatement", { Statement: 'INSERT INTO "T" VALUE {}' }],
    ];
    const requests = calls.flatMap(([operation, body]) => dynamoDBAuthorizations(operation, body, scope));

    for (const request of requests) {
      const outcome = await runSimulation(
        {
          identityPolicies: [],
          serviceControlPolicies: [],
          resourceControlPolicies: [],
          request: {
            action: request.action,
            principal: "arn:aws:sts::123456789012:assumed-role/Role/fn",
            resource: { resource: request.resource, accountId: scope.accountId },
            contextVariables: { ...request.context },
          },
        },
        {},
      );
      expect([request.action, outcome.resultType]).toEqual([request.action, "single"]);
    }
  });
});
