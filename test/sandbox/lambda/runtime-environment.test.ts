// What a function sees of its execution environment: Lambda's defined variables, its own, its role's credentials,
// the context object, and a heap sized from its memory; nothing of the sandbox's own process.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LambdaService } from "../../../sandbox/lambda/function-configuration";
import { runtimeNodeOptions } from "../../../sandbox/lambda/runtime-environment";
import { payloadOf, probeBundle, probeFunction, probeService } from "../../support/lambda-probe";

const VARIABLES = [
  "AWS_REGION",
  "AWS_DEFAULT_REGION",
  "AWS_EXECUTION_ENV",
  "AWS_LAMBDA_FUNCTION_NAME",
  "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
  "AWS_LAMBDA_FUNCTION_VERSION",
  "AWS_LAMBDA_INITIALIZATION_TYPE",
  "AWS_LAMBDA_LOG_GROUP_NAME",
  "AWS_ACCESS_KEY_ID",
  "AWS_SECRET_ACCESS_KEY",
  "AWS_SESSION_TOKEN",
  "_HANDLER",
  "LAMBDA_TASK_ROOT",
  "TZ",
  "NODE_OPTIONS",
  "USERS_TABLE_NAME",
  "AWS_ENDPOINT_URL_DYNAMODB",
  "SANDBOX_OWN_SECRET",
];

let service: LambdaService;

beforeAll(async () => {
  process.env.SANDBOX_OWN_SECRET = "the sandbox's";
  ({ service } = await probeService(
    [
      probeFunction({
        functionName: "UsersApi",
        memorySizeMb: 512,
        environment: { NODE_OPTIONS: "--enable-source-maps", USERS_TABLE_NAME: "Users" },
      }),
    ],
    { sandboxEnvironment: { AWS_ENDPOINT_URL_DYNAMODB: "http://127.0.0.1:1234" } },
  ));
});

afterAll(async () => {
  delete process.env.SANDBOX_OWN_SECRET;
  await service.stop();
});

describe("an execution environment", () => {
  it("has Lambda's defined variables, the role's credentials, its own and the sandbox's endpoint, nothing else", async () => {
    const { variables } = payloadOf<{ variables: Record<string, string> }>(
      await service.invoke("UsersApi", { variables: VARIABLES }),
    );

    expect(variables).toEqual({
      AWS_REGION: "eu-west-1",
      AWS_DEFAULT_REGION: "eu-west-1",
      AWS_EXECUTION_ENV: "AWS_Lambda_nodejs24.x",
      AWS_LAMBDA_FUNCTION_NAME: "UsersApi",
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: "512",
      AWS_LAMBDA_FUNCTION_VERSION: "$LATEST",
      AWS_LAMBDA_INITIALIZATION_TYPE: "on-demand",
      AWS_LAMBDA_LOG_GROUP_NAME: "/aws/lambda/Probe",
      // The session is named after the function, as Lambda names it.
      AWS_ACCESS_KEY_ID: "ASIAUSERSAPI",
      AWS_SECRET_ACCESS_KEY: "secret of arn:aws:iam::000000000000:role/ProbeRole",
      AWS_SESSION_TOKEN: "token of UsersApi",
      _HANDLER: "index.handler",
      LAMBDA_TASK_ROOT: probeBundle(),
      TZ: ":UTC",
      NODE_OPTIONS: "--enable-source-maps",
      USERS_TABLE_NAME: "Users",
      AWS_ENDPOINT_URL_DYNAMODB: "http://127.0.0.1:1234",
    });
  });

  it("passes the context object Lambda's Node.js runtime builds", async () => {
    const probe = payloadOf<Record<string, unknown>>(await service.invoke("UsersApi", {}));

    expect(probe).toMatchObject({
      requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      functionName: "UsersApi",
      memoryLimitInMB: "512",
      invokedFunctionArn: "arn:aws:lambda:eu-west-1:123456789012:function:UsersApi",
    });
    expect(probe.remainingMs).toBeGreaterThan(9000);
    expect(probe.remainingMs).toBeLessThanOrEqual(10_000);
  });

  it("runs node with the heap Lambda's bootstrap sizes from the memory", async () => {
    const { nodeOptions } = payloadOf<{ nodeOptions: string[] }>(await service.invoke("UsersApi", {}));

    expect(nodeOptions).toEqual(runtimeNodeOptions(512));
    expect(runtimeNodeOptions(512)).toEqual([
      "--expose-gc",
      "--max-http-header-size=81920",
      "--max-semi-space-size=25",
      "--max-old-space-size=461",
    ]);
  });

  it("may not be configured with a variable Lambda reserves", async () => {
    await expect(
      probeService([
        probeFunction({ environment: { AWS_REGION: "us-east-1", AWS_LAMBDA_FUNCTION_NAME: "x" } }),
      ]),
    ).rejects.toThrow("Reserved keys used in this request: AWS_REGION, AWS_LAMBDA_FUNCTION_NAME");
  });
});
