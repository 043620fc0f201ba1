// The Users API as Lambda runs it: the esbuild bundle CDK deploys, credentials from the environment only.
import { randomUUID } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { CreateTableCommand } from "@aws-sdk/client-dynamodb";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { type HttpApiHandler, invokeHttpApi } from "../../../../../sandbox/api-gateway/http-api";
import { localDynamoDBClient } from "../../../../../sandbox/dynamodb/dynamodb-local";
import {
  bundleLambda,
  LAMBDA_BUNDLE_FILE,
} from "../../../../../usermanagement/shared/infrastructure/lambda-bundling";
import { USERS_API_ROUTES } from "../../../../../usermanagement/users-api/api/runtime/routes";
import { ADMIN } from "../../../../support/identities";
import { usersTableInput } from "../../../../support/sandbox-assembly";

let handler: HttpApiHandler;
let bundleText: string;

beforeAll(async () => {
  const tableName = `Users-${randomUUID()}`;
  const credentials = { accessKeyId: "bundletest", secretAccessKey: "bundletest" };
  const client = localDynamoDBClient(inject("dynamoDBEndpoint"), { credentials });
  await client.send(new CreateTableCommand(usersTableInput(tableName)));
  const outDir = mkdtempSync(join(tmpdir(), "users-api-bundle-"));
  const outfile = join(outDir, LAMBDA_BUNDLE_FILE);
  // The function CDK stages the asset with: the bundle under test is the one that deploys.
  const result = bundleLambda("usermanagement/users-api/api/runtime/handler.ts", outDir);
  expect(result.errors).toEqual([]);
  bundleText = (await import("node:fs")).readFileSync(outfile, "utf8");
  // What Lambda puts in the environment of a function (the endpoint aside, which points at DynamoDB Local).
  Object.assign(process.env, {
    USERS_TABLE_NAME: tableName,
    AWS_REGION: "us-east-1",
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    AWS_SESSION_TOKEN: "session",
    AWS_ENDPOINT_URL_DYNAMODB: inject("dynamoDBEndpoint"),
  });
  ({ handler } = await import(pathToFileURL(outfile).href));
});

describe("the Users API bundle", () => {
  it("creates and reads a user with the credentials Lambda provides", async () => {
    const api = { routes: USERS_API_ROUTES, functionName: "UsersApi", handler };
    const created = await invokeHttpApi(
      api,
      {
        method: "POST",
        url: "/api/users",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ username: "bundled", email: "bundled@example.com" }),
      },
      { authorizer: ADMIN },
    );
    const read = await invokeHttpApi(
      api,
      { method: "GET", url: "/api/users/bundled" },
      { authorizer: ADMIN },
    );

    expect(created.status).toBe(201);
    expect(read.status).toBe(200);
    expect(JSON.parse(read.body.toString()).email).toBe("bundled@example.com");
  });

  it("finds a user by an unaccented search and by the given name of a Chinese display name", async () => {
    const api = { routes: USERS_API_ROUTES, functionName: "UsersApi", handler };
    const call = (method: string, url: string, body?: object) =>
      invokeHttpApi(
        api,
        {
          method,
          url,
          headers: body ? { "content-type": "application/json" } : {},
          body: body && JSON.stringify(body),
        },
        { authorizer: ADMIN },
      );
    await call("POST", "/api/users", {
      username: "zoe.li",
      email: "zoe@example.cn",
      displayName: "Zoë 王小明",
    });

    for (const search of ["zoe", "小明"]) {
      const found = JSON.parse(
        (await call("GET", `/api/users?search=${encodeURIComponent(search)}`)).body.toString(),
      );
      expect(found.items.map((user: { username: string }) => user.username)).toEqual(["zoe.li"]);
    }
  });

  it("leaves out the credential sources Lambda never uses", () => {
    for (const unused of ["credential-provider-sso", "credential-provider-ini", "sso_session"]) {
      expect(bundleText).not.toContain(unused);
    }
    expect(bundleText).not.toContain("AWS_CONTAINER_CREDENTIALS_FULL_URI");
  });
});
