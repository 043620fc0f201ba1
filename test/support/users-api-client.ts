// Drives the real Users API handler through the sandbox's API Gateway, against its own fresh table in the shared
// DynamoDB Local, as an administrator unless a test picks another caller.
import { randomUUID } from "node:crypto";
import { CreateTableCommand, type DynamoDBClient, ScanCommand } from "@aws-sdk/client-dynamodb";
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { inject } from "vitest";
import { invokeHttpApi } from "../../sandbox/api-gateway/http-api";
import { type AuthorizerContext, lambdaContext } from "../../sandbox/api-gateway/payload-v2";
import { localDynamoDBClient } from "../../sandbox/dynamodb/dynamodb-local";
import type { HttpApiLambdaHandler } from "../../usermanagement/shared/runtime/api-router";
import { USERS_API_ROUTES } from "../../usermanagement/users-api/api/runtime/routes";
import { createUsersApiHandler } from "../../usermanagement/users-api/api/runtime/users-api";
import { ADMIN } from "./identities";
import { usersTableInput } from "./sandbox-assembly";
import { seededRandom } from "./seeded-random";

export interface ApiResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary response fields
  readonly json: any;
}

export interface RequestOptions {
  readonly body?: unknown;
  readonly rawBody?: string | Uint8Array;
  readonly headers?: Record<string, string>;
  /** Who calls: what the JWT authorizer passes on. @default ADMIN */
  readonly as?: AuthorizerContext;
}

export interface UsersApiUnderTest {
  request(method: string, url: string, options?: RequestOptions): Promise<ApiResponse>;
  /** The handler itself, for events the sandbox's API Gateway would never build. */
  readonly handler: HttpApiLambdaHandler;
  readonly tableName: string;
  /** Every item in the table, for asserting that a rejected request changed nothing. */
  tableContents(): Promise<unknown[]>;
  /** DynamoDB calls the handler has made so far. */
  readonly dynamoDBCalls: string[];
}

/** A client of the shared DynamoDB Local. */
export const testDynamoDBClient = (): DynamoDBClient => localDynamoDBClient(inject("dynamoDBEndpoint"));

/** A fresh Users table in the shared DynamoDB Local, as the synthesized template declares it. */
export async function createUsersTable(): Promise<string> {
  const tableName = `Users-${randomUUID()}`;
  await testDynamoDBClient().send(new CreateTableCommand(usersTableInput(tableName)));
  return tableName;
}

export async function usersApiUnderTest(
  options: { dynamoDBClient?: DynamoDBClient } = {},
): Promise<UsersApiUnderTest> {
  const tableName = await createUsersTable();
  const dynamoDBCalls: string[] = [];
  const countedClient = options.dynamoDBClient ?? testDynamoDBClient();
  countedClient.middlewareStack.add(
    (next, context) => (args) => {
      dynamoDBCalls.push(String(context.commandName));
      return next(args);
    },
    { step: "initialize" },
  );
  const handler = createUsersApiHandler({
    tableName,
    dynamoDBClient: countedClient,
    // Seeded: every run waits the same backoffs between the races a write loses.
    backoffRandom: seededRandom(1),
  });
  const api = { routes: USERS_API_ROUTES, functionName: "UsersApi", handler };

  return {
    handler,
    tableName,
    dynamoDBCalls,
    async request(method, url, { body, rawBody, headers, as = ADMIN } = {}) {
      const hasJson = body !== undefined;
      const response = await invokeHttpApi(
        api,
        {
          method,
          url,
          headers: { ...(hasJson ? { "content-type": "application/json" } : {}), ...headers },
          body: rawBody ?? (hasJson ? JSON.stringify(body) : undefined),
        },
        { authorizer: as },
      );
      const text = response.body.toString("utf8");
      return {
        status: response.status,
        headers: response.headers,
        json: text ? JSON.parse(text) : undefined,
      };
    },
    async tableContents() {
      const { Items = [] } = await testDynamoDBClient().send(
        new ScanCommand({ TableName: tableName, ConsistentRead: true }),
      );
      return Items.sort((a, b) => String(a.pk.S).localeCompare(String(b.pk.S)));
    },
  };
}

/** Reads a handler's answer to a hand-built event. */
export async function answerTo(
  handler: HttpApiLambdaHandler,
  event: APIGatewayProxyEventV2,
): Promise<ApiResponse> {
  const result = await handler(event, lambdaContext("UsersApi", event.requestContext.requestId));
  const text = Buffer.from(result.body ?? "", result.isBase64Encoded ? "base64" : "utf8").toString("utf8");
  return {
    status: result.statusCode ?? 200,
    headers: Object.fromEntries(
      Object.entries(result.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]),
    ),
    json: text ? JSON.parse(text) : undefined,
  };
}
