// A JSON body is judged on the bytes the client sent: media type and charset, size before decoding, strict UTF-8,
// no sign of text damaged on the way (U+FFFD), and each member named once. Every refusal is an RFC 9457 problem
// the client can act on.
import { describe, expect, it } from "vitest";
import { firstDuplicateMember, readJsonBody } from "../../../../usermanagement/shared/runtime/json-body";
import type { ProblemError } from "../../../../usermanagement/shared/runtime/problem-details";

const post = (body: string | Uint8Array<ArrayBuffer>, contentType: string | null = "application/json") =>
  new Request("https://api.example.com/api/users", {
    method: "POST",
    headers: contentType === null ? {} : { "content-type": contentType },
    body,
  });
const refusalOf = (promise: Promise<unknown>) =>
  promise.then(
    (body) => ({ accepted: body }),
    (error: ProblemError) => ({ problem: error.problem, headers: error.headers }),
  );
const statusOf = async (promise: Promise<unknown>) => {
  const outcome = await refusalOf(promise);
  return "problem" in outcome ? outcome.problem.status : 200;
};
const bytesOf = (...values: number[]) => new Uint8Array(values);
/** A body `{"a":"xx…x"}` of exactly `size` bytes (8 of them are the braces, quotes, name and colon). */
const bodyOfBytes = (size: number) => `{"a":"${"x".repeat(size - 8)}"}`;

const UNSUPPORTED_MEDIA_TYPE = {
  problem: {
    type: "tag:usermanagement,2026:unsupported-media-type",
    title: "Unsupported media type",
    status: 415,
    detail: "Send the request body as UTF-8 JSON with `Content-Type: application/json`.",
  },
  headers: { "accept-post": "application/json" },
};
const malformed = (detail: string) => ({
  type: "tag:usermanagement,2026:malformed-json",
  title: "Malformed JSON",
  status: 400,
  detail,
});
const NOT_UTF8 = malformed("The request body is not valid UTF-8.");
const DAMAGED = malformed(
  "The request body holds U+FFFD, the character that stands for bytes that were not valid UTF-8; send the text as UTF-8.",
);

describe("readJsonBody's media type", () => {
  it.each([
    ["application/json", 200],
    ["Application/JSON", 200],
    ["application/json ; charset=utf-8", 200],
    ["application/json; charset=utf-8", 200],
    ["application/json;charset=UTF-8", 200],
    ["application/json; charset=utf8", 200],
    ['application/json; charset="UTF-8"', 200],
    ["application/json; CHARSET=utf-8", 200],
    ["application/json; version=2", 200],
    ["application/json; xcharset=utf-16", 200],
    ["application/merge-patch+json", 200],
    ["application/problem+json; charset=utf-8", 200],
    ["application/json; charset=utf-16", 415],
    ['application/json; charset="utf-16"', 415],
    ["application/json;charset=iso-8859-1", 415],
    ["application/json; charset = utf-16", 415],
    ["application/json; charset=utf-16 ; version=2", 415],
    ["application/json; charset=utf-16 (legacy)", 415],
    ['application/json; charset="latin1" x', 415],
    ["application/json; charset=utf-8 (default)", 200],
    ["application/json; version=2; charset=utf-16", 415],
    ["application/json; charset=utf-8x", 415],
    ["application/json; charset=xutf-8", 415],
    ["application/jsonx", 415],
    ["application/json+xml", 415],
    ["text/json", 415],
    ["text/plain", 415],
    ["", 415],
  ])("answers content type %j with %i", async (contentType, status) => {
    expect(await statusOf(readJsonBody(post("{}", contentType)))).toBe(status);
  });

  it.each([
    ["another media type", "text/plain"],
    ["another charset", "application/json; charset=utf-16"],
    ["no content type at all", null],
  ])("refuses %s with 415 and names the one it takes in Accept-Post", async (_case, contentType) => {
    expect(await refusalOf(readJsonBody(post(bytesOf(0x7b, 0x7d), contentType)))).toEqual(
      UNSUPPORTED_MEDIA_TYPE,
    );
  });

  it("judges the media type before the body, whatever its size", async () => {
    expect(await refusalOf(readJsonBody(post(bodyOfBytes(20_000), "text/plain")))).toEqual(
      UNSUPPORTED_MEDIA_TYPE,
    );
  });
});

describe("readJsonBody's size limit", () => {
  it.each([
    [16_383, { a: "x".repeat(16_375) }],
    [16_384, { a: "x".repeat(16_376) }],
  ])("reads a body of %i bytes", async (size, body) => {
    expect(await refusalOf(readJsonBody(post(bodyOfBytes(size))))).toEqual({ accepted: body });
  });

  it.each([
    [16_385, bodyOfBytes(16_385), "The request body is 16385 bytes; the limit is 16384 bytes."],
    // 8,198 characters, but each "é" is two bytes in UTF-8.
    [16_388, `{"a":"${"é".repeat(8_190)}"}`, "The request body is 16388 bytes; the limit is 16384 bytes."],
  ])("refuses a body of %i bytes with 413, saying both sizes", async (_size, body, detail) => {
    expect(await refusalOf(readJsonBody(post(body)))).toEqual({
      problem: {
        type: "tag:usermanagement,2026:body-too-large",
        title: "Request body too large",
        status: 413,
        detail,
      },
      headers: {},
    });
  });

  it("measures before decoding: an oversized body is 413 even when it is not UTF-8", async () => {
    const body = new Uint8Array(16_385).fill(0xff);

    expect(await statusOf(readJsonBody(post(body)))).toBe(413);
  });

  it("takes a smaller limit when the caller sets one", async () => {
    expect(await refusalOf(readJsonBody(post('{"a":"xy"}'), 9))).toMatchObject({
      problem: { status: 413, detail: "The request body is 10 bytes; the limit is 9 bytes." },
    });
  });
});

describe("readJsonBody's text", () => {
  it("reads valid UTF-8 as sent", async () => {
    expect(await readJsonBody(post(JSON.stringify({ name: "Zoë 😀" })))).toEqual({ name: "Zoë 😀" });
  });

  it("reads the client's bytes, multi-byte characters and all", async () => {
    // {"n":"Zoë"} with ë as C3 AB
    const body = bytesOf(0x7b, 0x22, 0x6e, 0x22, 0x3a, 0x22, 0x5a, 0x6f, 0xc3, 0xab, 0x22, 0x7d);

    expect(await readJsonBody(post(body))).toEqual({ n: "Zoë" });
  });

  it.each([
    ["a truncated sequence", [0xc3, 0x28]],
    ["a lone continuation byte", [0x80]],
    ["an overlong encoding of /", [0xc0, 0xaf]],
    ["an encoded UTF-16 surrogate", [0xed, 0xa0, 0x80]],
    ["a byte never used in UTF-8", [0xff]],
  ])("refuses %s with 400 instead of replacing it", async (_case, invalid) => {
    const body = bytesOf(0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, ...invalid, 0x22, 0x7d); // {"a":"…"}

    expect(await refusalOf(readJsonBody(post(body)))).toEqual({ problem: NOT_UTF8, headers: {} });
  });

  it.each([
    ["a body an earlier hop decoded lossily (U+FFFD as sent)", '{"displayName":"Ren\uFFFDe"}'],
    ["U+FFFD escaped", '{"displayName":"Ren\\ufffde"}'],
    ["U+FFFD in a member name", '{"na\uFFFDme":"x"}'],
    ["U+FFFD deep in a list", '{"a":[1,{"b":["ok","\uFFFD"]}]}'],
    ["U+FFFD as the whole body", '"\uFFFD"'],
  ])("refuses %s with 400, as it refuses invalid UTF-8", async (_what, body) => {
    expect(await refusalOf(readJsonBody(post(body)))).toEqual({ problem: DAMAGED, headers: {} });
  });

  it.each([
    [
      "numbers, booleans and null beside strings",
      '{"a":1,"b":[true,null,2.5],"c":"d"}',
      { a: 1, b: [true, null, 2.5], c: "d" },
    ],
    ["a list at the top", '["a",1]', ["a", 1]],
  ])("reads %s", async (_case, body, value) => {
    expect(await readJsonBody(post(body))).toEqual(value);
  });

  it.each([
    ["an unfinished object", '{"a":1'],
    ["a trailing comma", '{"a":1,}'],
    ["single quotes", "{'a':1}"],
    ["an empty body", ""],
  ])("refuses %s with 400 malformed-json, saying what the parser found", async (_case, body) => {
    const outcome = await refusalOf(readJsonBody(post(body)));

    expect(outcome).toEqual({
      problem: malformed(expect.stringMatching(/^The request body is not valid JSON: \S/)),
      headers: {},
    });
  });
});

describe("readJsonBody's member names", () => {
  it.each([
    ['{"email":"a@example.com","email":"b@example.com"}', "email", "email"],
    ['{"sessionState":{"intent":{"name":"A","name":"B"}}}', "name", "sessionState.intent.name"],
    ['{"items":[{"a":1},{"a":1,"a":2}]}', "a", "items.1.a"],
    ['[{"a":1,"a":2}]', "a", "0.a"],
    ['{"a\\u0062":1,"ab":2}', "ab", "ab"],
    ['{"x":[],"a":1,"a":2}', "a", "a"],
    ['{"x":{},"a":1,"a":2}', "a", "a"],
  ])("refuses %s, naming the member sent twice", async (body, name, field) => {
    expect(await refusalOf(readJsonBody(post(body)))).toEqual({
      problem: {
        type: "tag:usermanagement,2026:duplicate-member",
        title: "Duplicate member",
        status: 400,
        detail: `The request body names "${name}" twice in one object; send each member once.`,
        errors: [{ field, message: "is named more than once" }],
      },
      headers: {},
    });
  });
});

describe("firstDuplicateMember", () => {
  it.each([
    '{"a":1,"b":{"a":2},"c":[{"a":3},{"a":4}]}',
    '{"a":{"b":1},"b":2}',
    '{"a":["b"],"b":2}',
    '{"a":"a","b":"b"}',
    '{"a":["a","a"]}',
    '{"a":"x","b":"x"}',
    '{"a":"{\\"a\\":1,","b":"\\\\","c":"]}"}',
    '[{"a":1},{"a":2}]',
    '"a"',
    "[]",
  ])("finds none where each object names each member once: %s", (text) => {
    JSON.parse(text);
    expect(firstDuplicateMember(text)).toBeUndefined();
  });

  it.each([
    ['{"a":1,"a":2}', { path: [], name: "a" }],
    ['{"a":{"b":[0,{"c":1,"c":2}]}}', { path: ["a", "b", "1"], name: "c" }],
    ['{"a":"\\"","b":1,"b":2}', { path: [], name: "b" }],
    ['[[],[0,0,{"d":1,"d":2}]]', { path: ["1", "2"], name: "d" }],
  ])("finds the first repeated name in %s with the path of its object", (text, found) => {
    expect(firstDuplicateMember(text)).toEqual(found);
  });
});
