// A JSON body is judged on the bytes the client sent: media type and charset, size before decoding, strict UTF-8,
// no sign of text damaged on the way (U+FFFD), and each member named once.
import { describe, expect, it } from "vitest";
import {
  firstDuplicateMember,
  MAX_BODY_BYTES,
  readJsonBody,
} from "../../../../usermanagement/shared/runtime/json-body";
import type { ProblemError } from "../../../../usermanagement/shared/runtime/problem-details";

const post = (body: string | Uint8Array<ArrayBuffer>, contentType = "application/json") =>
  new Request("https://api.example.com/api/users", {
    method: "POST",
    headers: { "content-type": contentType },
    body,
  });
const statusOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 200,
    (error: { problem: { status: number } }) => error.problem.status,
  );

describe("readJsonBody", () => {
  it.each([
    ["application/json", 200],
    ["application/json; charset=utf-8", 200],
    ['application/json; charset="UTF-8"', 200],
    ["application/merge-patch+json", 200],
    ["application/json; charset=utf-16", 415],
    ["application/json;charset=iso-8859-1", 415],
    ["text/plain", 415],
    ["", 415],
  ])("answers content type %j with %i", async (contentType, status) => {
    expect(await statusOf(readJsonBody(post("{}", contentType)))).toBe(status);
  });

  it("refuses invalid UTF-8 instead of replacing it", async () => {
    const bytes = new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d]); // {"a":"\xC3("}

    expect(await statusOf(readJsonBody(post(bytes)))).toBe(400);
  });

  it("measures the limit in bytes, not characters", async () => {
    const text = JSON.stringify({ a: "é".repeat(MAX_BODY_BYTES / 2) });

    expect(text.length).toBeLessThan(MAX_BODY_BYTES + 10);
    expect(await statusOf(readJsonBody(post(text)))).toBe(413);
  });

  it("reads valid UTF-8 as sent", async () => {
    expect(await readJsonBody(post(JSON.stringify({ name: "Zoë 😀" })))).toEqual({ name: "Zoë 😀" });
  });

  it.each([
    ["a body an earlier hop decoded lossily (U+FFFD as sent)", '{"displayName":"Ren\uFFFDe"}'],
    ["U+FFFD escaped", '{"displayName":"Ren\\ufffde"}'],
    ["U+FFFD in a member name", '{"na\uFFFDme":"x"}'],
  ])("refuses %s with 400, as it refuses invalid UTF-8", async (_what, body) => {
    const problem = await readJsonBody(post(body)).catch((error: ProblemError) => error.problem);

    expect(problem).toMatchObject({ status: 400, detail: expect.stringContaining("U+FFFD") });
  });

  it.each([
    ['{"email":"a@example.com","email":"b@example.com"}', "email"],
    ['{"sessionState":{"intent":{"name":"A","name":"B"}}}', "sessionState.intent.name"],
    ['{"items":[{"a":1},{"a":1,"a":2}]}', "items.1.a"],
    ['{"a\\u0062":1,"ab":2}', "ab"],
  ])("refuses %s, naming the member sent twice", async (body, field) => {
    const problem = await readJsonBody(post(body)).catch((error: ProblemError) => error.problem);

    expect(problem).toMatchObject({
      status: 400,
      type: expect.stringMatching(/:duplicate-member$/),
      detail: expect.stringContaining(`"${field.split(".").at(-1)}" twice`),
      errors: [{ field, message: "is named more than once" }],
    });
  });
});

describe("firstDuplicateMember", () => {
  it.each([
    '{"a":1,"b":{"a":2},"c":[{"a":3},{"a":4}]}',
    '{"a":"{\\"a\\":1,","b":"\\\\","c":"]}"}',
    '[{"a":1},{"a":2}]',
    '"a"',
    "[]",
  ])("finds none where each object names each member once: %s", (text) => {
    JSON.parse(text);
    expect(firstDuplicateMember(text)).toBeUndefined();
  });
});
