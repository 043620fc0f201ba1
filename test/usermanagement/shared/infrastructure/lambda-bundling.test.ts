// The one bundling definition, as CDK stages it: in-process, each function its own bundle, Lambda's file layout.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Stack } from "aws-cdk-lib";
import * as lambda from "aws-cdk-lib/aws-lambda";
import { beforeAll, describe, expect, it } from "vitest";
import {
  CREATE_REQUIRE_BANNER,
  LAMBDA_BUNDLE_FILE,
  lambdaCode,
} from "../../../../usermanagement/shared/infrastructure/lambda-bundling";
import { testApp } from "../../../support/cdk-app";

const ENTRIES = {
  usersApi: "usermanagement/users-api/api/runtime/handler.ts",
  chatbotApi: "usermanagement/chatbot-api/nlp/runtime/handler.ts",
};

let staged: Record<keyof typeof ENTRIES, { dir: string; hash: string }>;
beforeAll(() => {
  const app = testApp({ bundle: true });
  const stack = new Stack(app, "Bundled");
  const functions = Object.fromEntries(
    Object.entries(ENTRIES).map(([name, entry]) => [
      name,
      new lambda.Function(stack, name, {
        code: lambdaCode(entry),
        handler: "index.handler",
        runtime: lambda.Runtime.NODEJS_24_X,
      }),
    ]),
  );
  const assembly = app.synth();
  staged = Object.fromEntries(
    Object.entries(functions).map(([name, fn]) => {
      const { s3Key } = stack.resolve((fn.node.defaultChild as lambda.CfnFunction).code) as { s3Key: string };
      const hash = s3Key.replace(/\.zip$/, "");
      return [name, { dir: join(assembly.directory, `asset.${hash}`), hash }];
    }),
  ) as typeof staged;
}, 120_000);

describe("lambdaCode", () => {
  it("stages each function's own bundle, named by its content, as the ESM file Lambda loads", () => {
    expect(staged.usersApi.hash).not.toBe(staged.chatbotApi.hash);
    for (const { dir } of Object.values(staged)) {
      const bundle = readFileSync(join(dir, LAMBDA_BUNDLE_FILE), "utf8");
      expect(bundle.startsWith(CREATE_REQUIRE_BANNER)).toBe(true);
      expect(bundle).toMatch(/export\s*\{[^}]*as handler\s*\}/);
      expect(bundle.trimEnd().endsWith(`//# sourceMappingURL=${LAMBDA_BUNDLE_FILE}.map`)).toBe(true);
    }
  });

  it("writes source maps that name the sources without carrying their text", () => {
    const map = JSON.parse(readFileSync(join(staged.usersApi.dir, `${LAMBDA_BUNDLE_FILE}.map`), "utf8"));

    expect(map.sources).toContainEqual(
      expect.stringMatching(/\/usermanagement\/users-api\/api\/runtime\/handler\.ts$/),
    );
    expect(map.sourcesContent).toBeUndefined();
  });

  it("takes the Lambda credential provider instead of the SDK's default chain", () => {
    const map = JSON.parse(readFileSync(join(staged.usersApi.dir, `${LAMBDA_BUNDLE_FILE}.map`), "utf8"));

    expect(map.sources).toContainEqual(
      expect.stringMatching(/\/usermanagement\/shared\/runtime\/lambda-credentials\.ts$/),
    );
    expect(map.sources.filter((source: string) => source.includes("credential-provider-node"))).toEqual([]);
  });

  it("bundles nothing in a stack the CLI did not select, as for any CDK asset", () => {
    const app = testApp();
    new lambda.Function(new Stack(app, "NotSelected"), "Function", {
      code: lambdaCode("no/such/entry.ts"),
      handler: "index.handler",
      runtime: lambda.Runtime.NODEJS_24_X,
    });

    expect(() => app.synth()).not.toThrow();
  });

  it("fails the synth with esbuild's reason when a bundle can't be built", () => {
    const stack = new Stack(testApp({ bundle: true }), "Broken");
    const broken = () =>
      new lambda.Function(stack, "Function", {
        code: lambdaCode("no/such/entry.ts"),
        handler: "index.handler",
        runtime: lambda.Runtime.NODEJS_24_X,
      });

    expect(broken).toThrow(/Build failed with 1 error:[\s\S]*Could not resolve "no\/such\/entry\.ts"/);
  });
});
