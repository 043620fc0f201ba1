// The Chatbot API as Lambda runs it: the esbuild bundle CDK deploys, within its size budget.
import { mkdtempSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { type HttpApiHandler, invokeHttpApi } from "../../../../../sandbox/api-gateway/http-api";
import { CHATBOT_API_ROUTES } from "../../../../../usermanagement/chatbot-api/nlp/runtime/routes";
import {
  bundleLambda,
  LAMBDA_BUNDLE_FILE,
} from "../../../../../usermanagement/shared/infrastructure/lambda-bundling";

/** The bundle's budget: the model, the lexicon and the engine load in a few milliseconds of a cold start. */
const BUDGET_BYTES = 120_000;

let outfile: string;
let handler: HttpApiHandler;

beforeAll(async () => {
  const outDir = mkdtempSync(join(tmpdir(), "chatbot-api-bundle-"));
  outfile = join(outDir, LAMBDA_BUNDLE_FILE);
  // The function CDK stages the asset with: the bundle under test is the one that deploys.
  const result = bundleLambda("usermanagement/chatbot-api/nlp/runtime/handler.ts", outDir, {
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
      slots: { searchTerm: { value: { interpretedValue: "al" } } },
    });
  });
});
