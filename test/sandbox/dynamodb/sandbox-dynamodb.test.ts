// The deployed Users API bundle, run by the sandbox's Lambda with its role's credentials, against the sandbox's
// DynamoDB: what the role allows works, what it does not fails as in AWS, whichever SDK the bundle carries.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CreateTableCommand, GetItemCommand } from "@aws-sdk/client-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localDynamoDBClient } from "../../../sandbox/dynamodb/dynamodb-local";
import { type SandboxDynamoDB, startSandboxDynamoDB } from "../../../sandbox/dynamodb/sandbox-dynamodb";
import type { ExecutionRole } from "../../../sandbox/iam/execution-role";
import type { FunctionLogRecord, LambdaService } from "../../../sandbox/lambda/function-configuration";
import { startLambdaService } from "../../../sandbox/lambda/lambda-service";
import { bundleLambda } from "../../../usermanagement/shared/infrastructure/lambda-bundling";
import { USERS_TABLE_SCHEMA, userKey } from "../../../usermanagement/users-api/database/table-schema";
import { httpApiEvent } from "../../support/http-api-events";
import { ADMIN } from "../../support/identities";
import { usersTableInput } from "../../support/sandbox-assembly";

const scope = { region: "eu-west-1", accountId: "123456789012" };
const TABLE = "Users";
const tableArn = `arn:aws:dynamodb:eu-west-1:123456789012:table/${TABLE}`;
const itemActions = ["GetItem", "PutItem", "DeleteItem"].map((action) => `dynamodb:${action}`);
const { listIndex, searchIndex } = USERS_TABLE_SCHEMA;

/** The grants the Users API construct makes: item actions on the table, Query on its two indexes. */
const granted: ExecutionRole = {
  arn: "arn:aws:iam::123456789012:role/UsersApiRole",
  policies: [
    {
      Version: "2012-10-17",
      Statement: [
        { Effect: "Allow", Action: itemActions, Resource: tableArn },
        {
          Effect: "Allow",
          Action: "dynamodb:Query",
          Resource: [listIndex, searchIndex].map(({ name }) => `${tableArn}/index/${name}`),
        },
      ],
    },
  ],
};
/** The same role with the Query grant forgotten. */
const withoutQuery: ExecutionRole = {
  arn: "arn:aws:iam::123456789012:role/ForgetfulRole",
  policies: [
    { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: itemActions, Resource: tableArn }] },
  ],
};

let database: SandboxDynamoDB;
let lambda: LambdaService;
const logs: FunctionLogRecord[] = [];

beforeAll(async () => {
  database = await startSandboxDynamoDB(scope);
  await localDynamoDBClient(database.localEndpoint).send(new CreateTableCommand(usersTableInput(TABLE)));
  const codeDirectory = mkdtempSync(join(tmpdir(), "users-api-"));
  bundleLambda("usermanagement/users-api/api/runtime/handler.ts", codeDirectory);
  const usersApi = (functionName: string, role: ExecutionRole) => ({
    functionName,
    codeDirectory,
    handler: "index.handler",
    environment: {
      NODE_OPTIONS: "--enable-source-maps",
      USERS_TABLE_NAME: TABLE,
      POWERTOOLS_LOG_LEVEL: "ERROR",
    },
    timeoutSeconds: 10,
    memorySizeMb: 256,
    role,
    logGroupName: `/aws/lambda/${functionName}`,
  });
  lambda = await startLambdaService({
    functions: [usersApi("UsersApi", granted), usersApi("Forgetful", withoutQuery)],
    ...scope,
    credentialsFor: database.credentialsFor,
    sandboxEnvironment: { AWS_ENDPOINT_URL_DYNAMODB: database.endpoint },
    log: (record) => logs.push(record),
  });
}, 120_000);

afterAll(async () => {
  await lambda?.stop();
  await database?.stop();
});

const request = (method: string, rawPath: string, body?: object) =>
  httpApiEvent({
    method,
    rawPath,
    authorizer: ADMIN,
    headers: body ? { "content-type": "application/json" } : {},
    body: body && JSON.stringify(body),
  });

describe("the sandbox's DynamoDB behind IAM, called by a deployed bundle", () => {
  it("lets a function do what its role allows: a transactional create, a read, a list", async () => {
    const created = await lambda.invoke(
      "UsersApi",
      request("POST", "/api/users", { username: "alice", email: "alice@example.com" }),
    );
    const listed = await lambda.invoke("UsersApi", request("GET", "/api/users"));

    expect(created).toMatchObject({ outcome: "success", payload: { statusCode: 201 } });
    expect(listed).toMatchObject({ outcome: "success", payload: { statusCode: 200 } });
    expect(JSON.parse((listed as { payload: { body: string } }).payload.body).items).toHaveLength(1);
  });

  it("denies a function the Query its role lacks, while its GetItem still works", async () => {
    const read = await lambda.invoke("Forgetful", request("GET", "/api/users/alice"));
    const listed = await lambda.invoke("Forgetful", request("GET", "/api/users"));

    expect(read).toMatchObject({ outcome: "success", payload: { statusCode: 200 } });
    expect(listed).toMatchObject({ outcome: "success", payload: { statusCode: 500 } });
    expect(logs.map((record) => record.line)).toContainEqual(
      expect.stringContaining(
        "User: arn:aws:sts::123456789012:assumed-role/ForgetfulRole/Forgetful is not authorized to perform: " +
          `dynamodb:Query on resource: ${tableArn}/index/${listIndex.name} because no ` +
          "identity-based policy allows the dynamodb:Query action",
      ),
    );
  });

  it("keeps DynamoDB Local itself reachable for the sandbox's setup, without IAM", async () => {
    const { Item } = await localDynamoDBClient(database.localEndpoint).send(
      new GetItemCommand({ TableName: TABLE, Key: { pk: { S: userKey("alice") } } }),
    );

    expect(Item?.email).toEqual({ S: "alice@example.com" });
  });
});
