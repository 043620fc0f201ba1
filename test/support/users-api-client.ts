// Drives the real Users API handler, against its own fresh table in the shared DynamoDB Local.
import { randomUUID } from "node:crypto";
import { CreateTableCommand, DynamoDBClient, ScanCommand } from "@aws-sdk/client-dynamodb";
import { inject } from "vitest";
import { invokeHttpApi } from "../../sandbox/payload-v2";
import { createUsersApiHandler } from "../../usermanagement/users-api/api/runtime/users-api";
import { createTableInput } from "../../usermanagement/users-api/database/table-schema";

export interface ApiResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary response fields
  readonly json: any;
}

export interface UsersApiUnderTest {
  request(
    method: string,
    url: string,
    options?: { body?: unknown; rawBody?: string | Uint8Array; headers?: Record<string, string> },
  ): Promise<ApiResponse>;
  /** Every item in the table, for asserting that a rejected request changed nothing. */
  tableContents(): Promise<unknown[]>;
  /** DynamoDB calls the handler has made so far. */
  readonly dynamoDBCalls: string[];
}

export async function usersApiUnderTest(): Promise<UsersApiUnderTest> {
  const localClient = () =>
    new DynamoDBClient({
      endpoint: inject("dynamoDBEndpoint"),
      region: "us-east-1",
      credentials: { accessKeyId: "local", secretAccessKey: "local" },
    });
  const client = localClient();
  const tableName = `Users-${randomUUID()}`;
  await client.send(new CreateTableCommand(createTableInput(tableName)));

  const dynamoDBCalls: string[] = [];
  const countedClient = localClient();
  countedClient.middlewareStack.add(
    (next, context) => (args) => {
      dynamoDBCalls.push(String(context.commandName));
      return next(args);
    },
    { step: "initialize" },
  );
  const handler = createUsersApiHandler({ tableName, dynamoDBClient: countedClient });

  return {
    dynamoDBCalls,
    async request(method, url, options = {}) {
      const hasJson = options.body !== undefined;
      const response = await invokeHttpApi(handler, "UsersApi", {
        method,
        url,
        headers: { ...(hasJson ? { "content-type": "application/json" } : {}), ...options.headers },
        body: options.rawBody ?? (hasJson ? JSON.stringify(options.body) : undefined),
      });
      const text = response.body.toString("utf8");
      return {
        status: response.status,
        headers: response.headers,
        json: text ? JSON.parse(text) : undefined,
      };
    },
    async tableContents() {
      const { Items = [] } = await client.send(
        new ScanCommand({ TableName: tableName, ConsistentRead: true }),
      );
      return Items.sort((a, b) => String(a.pk.S).localeCompare(String(b.pk.S)));
    },
  };
}
