// DynamoDB Local as the sandbox and the test suite start it: reachable from this machine only, shared by every
// caller, and gone with the process that started it.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { CreateTableCommand, ListTablesCommand } from "@aws-sdk/client-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type DynamoDBLocal,
  localDynamoDBClient,
  startDynamoDBLocal,
} from "../../../sandbox/dynamodb/dynamodb-local";
import {
  connectionOutcome,
  isLoopback,
  listeningSockets,
  networkAddresses,
} from "../../support/listening-sockets";
import { isAlive } from "../../support/processes";

const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url));

let database: DynamoDBLocal;

beforeAll(async () => {
  database = await startDynamoDBLocal();
});

afterAll(() => database.stop());

describe("DynamoDB Local", () => {
  it("listens on loopback only", () => {
    const sockets = listeningSockets([database.pid]);

    expect(sockets.map((socket) => socket.port)).toContain(Number(new URL(database.endpoint).port));
    expect(sockets.filter((socket) => !isLoopback(socket.address))).toEqual([]);
  });

  it("refuses a connection to the machine's network address", async () => {
    const port = Number(new URL(database.endpoint).port);
    const addresses = networkAddresses();
    expect(addresses.length).toBeGreaterThan(0);

    for (const host of addresses) expect(await connectionOutcome(host, port)).toBe("ECONNREFUSED");
  });

  it("shows every caller the same tables, whatever its credentials and region", async () => {
    const tableName = `Shared-${Date.now()}`;
    const creator = localDynamoDBClient(database.endpoint, {
      credentials: { accessKeyId: "creator", secretAccessKey: "creator" },
    });
    const reader = localDynamoDBClient(database.endpoint, {
      region: "eu-west-1",
      credentials: { accessKeyId: "reader", secretAccessKey: "reader", sessionToken: "token" },
    });
    await creator.send(
      new CreateTableCommand({
        TableName: tableName,
        KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }],
        AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }],
        BillingMode: "PAY_PER_REQUEST",
      }),
    );

    const { TableNames } = await reader.send(new ListTablesCommand({}));

    expect(TableNames).toContain(tableName);
    creator.destroy();
    reader.destroy();
  });

  it("exits when the process that started it is killed with SIGKILL", async () => {
    const parent = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        "--eval",
        `const { startDynamoDBLocal } = await import("./sandbox/dynamodb/dynamodb-local.ts");
         console.log((await startDynamoDBLocal()).pid);`,
      ],
      { cwd: REPO_ROOT, stdio: ["ignore", "pipe", "inherit"] },
    );
    const javaPid = await new Promise<number>((resolve, reject) => {
      parent.stdout?.once("data", (chunk: Buffer) => resolve(Number(chunk.toString().trim())));
      parent.once("exit", (code) => reject(new Error(`the parent exited with ${code} before Java started`)));
    });
    expect(isAlive(javaPid)).toBe(true);

    parent.kill("SIGKILL");

    await expect.poll(() => isAlive(javaPid), { timeout: 10_000, interval: 100 }).toBe(false);
  }, 90_000);
});
