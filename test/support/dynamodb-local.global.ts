// Vitest global setup: one DynamoDB Local for the whole run; each test file makes its own tables in it.
import type { TestProject } from "vitest/node";
import { startDynamoDBLocal } from "../../sandbox/dynamodb/dynamodb-local";

declare module "vitest" {
  export interface ProvidedContext {
    dynamoDBEndpoint: string;
  }
}

export default async function setup(project: TestProject) {
  // Global setup runs outside the test workers, so vitest's `test.env` has not applied here yet.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
  const database = await startDynamoDBLocal();
  project.provide("dynamoDBEndpoint", database.endpoint);
  return () => database.stop();
}
