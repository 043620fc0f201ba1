// @ts-check
// `npm run mutation` (bench/mutation.ts) runs StrykerJS with this: the modules that hold the rules and decisions
// both APIs, the site and the sandbox's authorizer enforce, each tested by the fast unit tests of
// vitest.mutation.config.ts. Not part of `npm test`: it runs those tests once per mutant, for minutes.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: "vitest",
  // Each mutant runs only the tests that reach it, as per-test coverage finds them: not the files Vitest relates
  // to a module by imports, since the viewer-request function is read from its file, never imported.
  vitest: { configFile: "vitest.mutation.config.ts", related: false },
  coverageAnalysis: "perTest",
  // Stryker would rewrite tsconfig.json's paths for its sandbox with TypeScript's JavaScript API, which
  // TypeScript 7 no longer has; this tsconfig has no `extends` or `references` that would need it.
  tsconfigFile: "",
  mutate: [
    "usermanagement/users-api/api/runtime/version-tags.ts",
    "usermanagement/shared/runtime/username.ts",
    "usermanagement/users-api/api/runtime/list-cursor.ts",
    "usermanagement/users-api/api/runtime/search-cursor.ts",
    "usermanagement/shared/runtime/json-body.ts",
    "usermanagement/shared/runtime/http-api-event.ts",
    "usermanagement/users-api/api/runtime/user-query.ts",
    "usermanagement/shared/runtime/problem-details.ts",
    "usermanagement/shared/runtime/access.ts",
    "usermanagement/shared/runtime/access-token.ts",
    "usermanagement/users-api/api/runtime/authorization.ts",
    "usermanagement/users-api/api/runtime/conditional-transaction.ts",
    "usermanagement/chatbot-api/nlp/runtime/dialog/confirmation.ts",
    "usermanagement/chatbot-api/nlp/runtime/slot-rules.ts",
    "usermanagement/users-ui/cdn/runtime/viewer-request.js",
    "sandbox/api-gateway/jwt-authorizer.ts",
  ],
  // Stryker copies the project to a sandbox of its own; synthesized output and reports need not come along.
  ignorePatterns: ["/cdk.out*", "/test-results", "/bench/results", "/docs"],
  concurrency: 2,
  // The survivors with the tests that ran, a summary table, and reports/mutation/mutation.html to browse.
  reporters: ["clear-text", "progress", "html"],
};
