// What an HTTP API answers for each way a Lambda invocation can end, with the sandbox's real Lambda service.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { invokeLambdaIntegration } from "../../../sandbox/api-gateway/lambda-integration";
import type { LambdaService } from "../../../sandbox/lambda/function-configuration";
import { probeFunction, probeService } from "../../support/lambda-probe";

let service: LambdaService;

beforeAll(async () => {
  ({ service } = await probeService(
    [
      probeFunction(),
      probeFunction({ functionName: "Brief", timeoutSeconds: 1 }),
      probeFunction({ functionName: "Reserved", reservedConcurrency: 1 }),
    ],
    { accountConcurrencyLimit: 101 },
  ));
});

afterAll(() => service.stop());

const INTERNAL_SERVER_ERROR = { kind: "gateway-error", status: 500, message: "Internal Server Error" };

describe("an HTTP API's Lambda integration", () => {
  it("hands the function's result to the response mapping", async () => {
    expect(await invokeLambdaIntegration(service, "Probe", { tag: "ok" })).toMatchObject({
      kind: "result",
      result: { functionName: "Probe" },
    });
  });

  it("answers a function error with 500 Internal Server Error", async () => {
    expect(await invokeLambdaIntegration(service, "Probe", { misbehave: "throw" })).toEqual(
      INTERNAL_SERVER_ERROR,
    );
  });

  it("answers a crashed runtime with 500 Internal Server Error", async () => {
    expect(await invokeLambdaIntegration(service, "Probe", { misbehave: "exit" })).toEqual(
      INTERNAL_SERVER_ERROR,
    );
  });

  it("answers an invocation Lambda stopped at the function's timeout with 500 Internal Server Error", async () => {
    expect(await invokeLambdaIntegration(service, "Brief", { sleepMs: 3000 })).toEqual(INTERNAL_SERVER_ERROR);
  });

  it("answers a throttled invocation with 500 Internal Server Error", async () => {
    const answers = await Promise.all([
      invokeLambdaIntegration(service, "Reserved", { sleepMs: 300 }),
      invokeLambdaIntegration(service, "Reserved", { sleepMs: 300 }),
    ]);

    expect(answers.map((answer) => answer.kind)).toEqual(["result", "gateway-error"]);
    expect(answers[1]).toEqual(INTERNAL_SERVER_ERROR);
  });

  it("answers 503 Service Unavailable when the function outlasts the integration's timeout", async () => {
    expect(await invokeLambdaIntegration(service, "Probe", { sleepMs: 2000 }, 200)).toEqual({
      kind: "gateway-error",
      status: 503,
      message: "Service Unavailable",
    });
  });
});
