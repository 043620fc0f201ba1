// The fast unit tests of the rule modules, for `npm run mutation`: Stryker runs every test that covers a mutant
// once per mutant, so nothing here starts DynamoDB Local, a browser or a synthesis.
import { defineConfig } from "vitest/config";
import base from "./vitest.config";

export default defineConfig({
  test: {
    include: [
      "test/usermanagement/users-api/api/runtime/version-tags.test.ts",
      "test/usermanagement/users-api/api/runtime/list-cursor.test.ts",
      "test/usermanagement/users-api/api/runtime/search-cursor.test.ts",
      "test/usermanagement/users-api/api/runtime/user-query.test.ts",
      "test/usermanagement/users-api/api/runtime/conditional-transaction.test.ts",
      "test/usermanagement/shared/runtime/username.test.ts",
      "test/usermanagement/shared/runtime/http-api-event.test.ts",
      "test/usermanagement/shared/runtime/json-body.test.ts",
      "test/usermanagement/shared/runtime/problem-details.test.ts",
      "test/usermanagement/shared/runtime/access.test.ts",
      "test/usermanagement/shared/runtime/access-token.test.ts",
      "test/usermanagement/users-api/api/runtime/authorization.decision.test.ts",
      "test/usermanagement/users-ui/cdn/runtime/viewer-request.test.ts",
      "test/usermanagement/chatbot-api/nlp/runtime/slot-rules.test.ts",
      "test/usermanagement/chatbot-api/nlp/runtime/dialog/confirmation.test.ts",
      "test/usermanagement/chatbot-api/nlp/runtime/dialog/dialog.test.ts",
      "test/usermanagement/chatbot-api/nlp/runtime/chatbot-api.bad-input.test.ts",
      "test/usermanagement/chatbot-api/nlp/runtime/chatbot-api.contract.test.ts",
      "test/sandbox/api-gateway/jwt-authorizer.test.ts",
      "test/sandbox/api-gateway/jwt-authorizer.token-forms.test.ts",
    ],
    env: base.test?.env,
  },
});
