// The Chatbot API as Lambda runs it: the esbuild bundle CDK deploys, within its size budget.
import { mkdtempSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import { beforeAll, describe, expect, it } from "vitest";
import { type HttpApiHandler, invokeHttpApi } from "../../../../../sandbox/api-gateway/http-api";
import { CHATBOT_API_ROUTES } from "../../../../../usermanagement/chatbot-api/nlp/runtime/routes";
import { LAMBDA_ESBUILD_OPTIONS } from "../../../../../usermanagement/shared/infrastructure/lambda-bundling";

/** The bundle's budget: the model and the engine load in a few milliseconds of a cold start at this size. */
const BUDGET_BYTES = 100_000;

let outfile: string;
let handler: HttpApiHandler;

beforeAll(async () => {
  outfile = join(mkdtempSync(join(tmpdir(), "chatbot-api-bundle-")), "index.mjs");
  const result = await build({
    ...LAMBDA_ESBUILD_OPTIONS,
    mainFields: [...LAMBDA_ESBUILD_OPTIONS.mainFields],
    entryPoints: ["usermanagement/chatbot-api/nlp/runtime/handler.ts"],
    outfile,
    logLevel: "silent",
  });
  expect(result.errors).toEqual([]);
  ({ handler } = await import(pathToFileURL(outfile).href));
});

describe("the Chatbot API bundle", () => {
  it(`is at most ${BUDGET_BYTES / 1000} KB minified`, () => {
    expect(statSync(outfile).size).toBeLessThanOrEqual(BUDGET_BYTES);
  });

  it("understands a request with the model bundled into it", async () => {
    const response = await invokeHttpApi(
      { routes: CHATBOT_API_ROUTES, functionName: "ChatbotApi", handler },
      {
        method: "POST",
        url: "/api/chat",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ sessionId: "bundle", text: "find users starting with al" }),
      },
    );

    expect(response.status).toBe(200);
    expect(JSON.parse(response.body.toString()).sessionState.intent).toMatchObject({
      name: "FindUsers",
      slots: { prefix: { value: { interpretedValue: "al" } } },
    });
  });
});
