// A JSON body is judged on the bytes the client sent: media type and charset, size before decoding, strict UTF-8.
import { describe, expect, it } from "vitest";
import { MAX_BODY_BYTES, readJsonBody } from "../../../../usermanagement/shared/runtime/json-body";

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
});
