import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/support/dynamodb-local.global.ts", "test/support/sandbox-assembly.global.ts"],
    env: {
      // The pinned AWS SDK warns that its 2027 releases want Node 22; this project supports Node 20 on purpose.
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
      POWERTOOLS_LOG_LEVEL: "SILENT",
    },
    // Generous, because a moment of load on a shared CI machine can make a step several times slower than
    // usual: a timeout here only ever turns slowness into a failure; a test that hangs still ends.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores: CDK synthesis, DynamoDB Local and Chromium each want one.
    maxWorkers: 2,
  },
});
