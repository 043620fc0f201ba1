// Whatever payload-2.0 event API Gateway may deliver, both APIs answer with a well-formed response and never a
// 5xx: errors as problem+json, successes as JSON. Generated events cover methods, encoded and decoded paths,
// lying headers, odd query strings, bodies (text, binary, base64 or not) and callers with any rights.
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { createChatbotApiHandler } from "../../../../usermanagement/chatbot-api/nlp/runtime/chatbot-api";
import type { HttpApiLambdaHandler } from "../../../../usermanagement/shared/runtime/api-router";
import { httpApiEvent } from "../../../support/http-api-events";
import { ADMIN, READ_MACHINE, VIEWER, WRITE_MACHINE } from "../../../support/identities";
import { answerTo, usersApiUnderTest } from "../../../support/users-api-client";

const RUNS = 1000;

const oddSegment = fc.oneof(
  fc.constantFrom(
    ...[
      "alice",
      "Alice",
      "bob",
      "nobody",
      "",
      " ",
      "%20",
      "%20%20%20",
      "%09",
      "%00",
      "%0A",
      "%",
      "%E0%A4%A",
      "%2F",
    ],
    ...[
      "%2e%2e",
      "..",
      ".",
      "a b",
      "a\tb",
      "a\u0000b",
      "é",
      "%C3%A9",
      "\uD800",
      "?",
      "#",
      "a?limit=1",
      "%3F",
      "😀",
    ],
  ),
  fc.string({ unit: "binary", maxLength: 12 }),
);
const path = fc.oneof(
  fc.constantFrom(
    "/api/users",
    "/api/users/",
    "/api/users//",
    "//api/users",
    "/api/chat",
    "/api/chat/",
    "/",
    "",
    "/api",
  ),
  fc
    .tuple(fc.constantFrom("/api/users/", "/api/chat/", "/api/", "/api/users/alice/"), oddSegment)
    .map(([a, b]) => a + b),
  fc.string({ unit: "binary", maxLength: 30 }),
);
const method = fc.oneof(
  fc.constantFrom("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE", "CONNECT", "PROPFIND"),
  fc.constantFrom("get", "patch", "Delete", "GE T", ""),
  fc.string({ maxLength: 8 }),
);
const text = (values: string[]) =>
  fc.oneof(fc.constantFrom(...values), fc.string({ unit: "binary", maxLength: 20 }));
const headers = fc
  .tuple(
    fc.record(
      {
        host: text(["localhost", "evil.example:99999", "a b", "[::1]", "", "x/y?z#", "example.com@evil"]),
        "x-forwarded-proto": text(["https", "http", "javascript", "", "ht tp", "https://x/"]),
        "content-type": text([
          "application/json",
          "application/json; charset=utf-8",
          "application/json;charset=UTF-16",
          'application/json; charset="utf-8"',
          "application/json; charset=latin1",
          "application/problem+json",
          "text/plain",
          "",
        ]),
        "content-length": text(["0", "5", "99999999999", "-1", "abc"]),
        "if-match": text(['"1"', '"1", "2"', 'W/"1"', "*", '"01"', "", '"']),
        "transfer-encoding": text(["chunked"]),
      },
      { requiredKeys: [] },
    ),
    fc.dictionary(fc.string({ minLength: 1, maxLength: 10 }), fc.string({ unit: "binary", maxLength: 20 }), {
      maxKeys: 3,
    }),
  )
  .map(([known, other]) => ({ ...other, ...known }));
const queryValue = fc.oneof(
  fc.constantFrom(
    "",
    "0",
    "1",
    "100",
    "101",
    "0x2",
    "1e1",
    "2.0",
    "%20",
    "al",
    "AL",
    "a%25",
    "alice@example.com",
  ),
  fc.constantFrom("YWxpY2U", "YWwvYWxpY2U", "%", "%E0%A4%A", "a&b", "#"),
  fc.string({ unit: "binary", maxLength: 12 }),
);
const rawQueryString = fc.oneof(
  fc.constant(""),
  fc
    .array(fc.tuple(fc.constantFrom("limit", "cursor", "prefix", "email", "x"), queryValue), { maxLength: 3 })
    .map((pairs) => pairs.map(([name, value]) => `${name}=${value}`).join("&")),
  fc.string({ unit: "binary", maxLength: 20 }),
);
const jsonBody = fc.oneof(
  fc
    .record(
      {
        username: fc.oneof(fc.constantFrom("alice", "fuzzer", "Bob"), fc.string({ maxLength: 40 })),
        email: fc.oneof(
          fc.constantFrom("alice@example.com", "fuzz@example.com"),
          fc.string({ maxLength: 30 }),
        ),
        displayName: fc.oneof(fc.string({ unit: "binary", maxLength: 20 }), fc.constant(null)),
        sessionId: fc.constantFrom("fuzz-session", "x", "a b/c"),
        text: fc.oneof(fc.constantFrom("show alice", "delete bob", "yes"), fc.string({ maxLength: 40 })),
      },
      { requiredKeys: [] },
    )
    .map((value) => JSON.stringify(value)),
  fc.json({ maxDepth: 2 }),
);
const body = fc.oneof(
  fc.constant({ body: undefined, isBase64Encoded: false }),
  fc.tuple(jsonBody, fc.boolean()).map(([json, base64]) => ({
    body: base64 ? Buffer.from(json).toString("base64") : json,
    isBase64Encoded: base64,
  })),
  fc.uint8Array({ maxLength: 40 }).map((bytes) => ({
    body: Buffer.from(bytes).toString("base64"),
    isBase64Encoded: true,
  })),
  fc.tuple(fc.string({ unit: "binary", maxLength: 40 }), fc.boolean()).map(([raw, base64]) => ({
    body: raw,
    isBase64Encoded: base64,
  })),
);
const claimValue = fc.string({ unit: "binary", maxLength: 20 });
const authorizer = fc.oneof(
  fc.constant(undefined),
  fc.constantFrom(ADMIN, VIEWER, WRITE_MACHINE, READ_MACHINE),
  fc.record({
    jwt: fc.record({
      claims: fc.dictionary(fc.constantFrom("scope", "cognito:groups", "username", "sub"), claimValue),
      scopes: fc.oneof(fc.constant(null), fc.array(claimValue, { maxLength: 2 })),
    }),
  }),
);
const domainName = text([
  "abcdefghij.execute-api.us-east-1.amazonaws.com",
  "127.0.0.1:3000",
  "",
  "a b",
  "x/y",
]);

const events: fc.Arbitrary<APIGatewayProxyEventV2> = fc
  .record({ method, rawPath: path, rawQueryString, headers, body, authorizer, domainName })
  .map(({ body: { body, isBase64Encoded }, ...parts }) => httpApiEvent({ ...parts, body, isBase64Encoded }));

/** What every answer must be, whatever was asked. */
async function expectWellFormedAnswer(handler: HttpApiLambdaHandler, event: APIGatewayProxyEventV2) {
  const response = await answerTo(handler, event);
  expect(response.status).toBeGreaterThanOrEqual(200);
  expect(response.status).toBeLessThan(500);
  if (response.status >= 400) {
    expect(response.headers["content-type"]).toBe("application/problem+json");
    expect(response.json).toMatchObject({
      status: response.status,
      type: expect.any(String),
      title: expect.any(String),
    });
  } else if (response.status !== 204) {
    expect(response.headers["content-type"]).toMatch(/^application\/json/);
    expect(response.json).toBeDefined();
  }
}

describe("any event API Gateway can deliver", () => {
  let usersApi: HttpApiLambdaHandler;
  beforeAll(async () => {
    const api = await usersApiUnderTest();
    await api.request("POST", "/api/users", { body: { username: "alice", email: "alice@example.com" } });
    await api.request("POST", "/api/users", { body: { username: "bob", email: "bob@example.com" } });
    usersApi = api.handler;
  });

  it(`gets a well-formed, non-5xx answer from the Users API (${RUNS} events)`, async () => {
    await fc.assert(
      fc.asyncProperty(events, (event) => expectWellFormedAnswer(usersApi, event)),
      { numRuns: RUNS },
    );
  }, 120_000);

  it(`gets a well-formed, non-5xx answer from the Chatbot API (${RUNS} events)`, async () => {
    const chatbotApi = createChatbotApiHandler();
    await fc.assert(
      fc.asyncProperty(events, (event) => expectWellFormedAnswer(chatbotApi, event)),
      { numRuns: RUNS },
    );
  }, 120_000);
});
