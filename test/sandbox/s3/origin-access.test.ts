// A private bucket read through origin access control answers with the object and the metadata it was
// uploaded with, and with 403 AccessDenied for any key that is no object.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createBuckets } from "../../../sandbox/s3/buckets";
import { originAccess } from "../../../sandbox/s3/origin-access";

const buckets = createBuckets();
buckets.put("site", "index.html", {
  body: Buffer.from("<html>"),
  contentType: "text/html",
  cacheControl: "no-cache",
});
buckets.put("site", "assets/a b.js", { body: Buffer.from("js"), contentType: "text/javascript" });
const origin = originAccess(buckets, "site");
const get = (url: string, init: { method?: string; headers?: Record<string, string> } = {}) =>
  origin({ method: init.method ?? "GET", url, headers: init.headers });

describe("an object read through origin access control", () => {
  it("comes with its content type, its Cache-Control, its length and S3's ETag (the body's MD5)", async () => {
    const answer = await get("/index.html");
    expect(answer.status).toBe(200);
    expect(answer.headers).toMatchObject({
      "content-type": "text/html",
      "cache-control": "no-cache",
      "content-length": "6",
      etag: `"${createHash("md5").update("<html>").digest("hex")}"`,
    });
  });

  it("is found by its key decoded from the path", async () => {
    expect((await get("/assets/a%20b.js")).status).toBe(200);
  });

  it("answers a matching If-None-Match with 304, and HEAD without a body", async () => {
    const { headers } = await get("/index.html");
    const again = await get("/index.html", { headers: { "if-none-match": headers.etag } });
    expect(again.status).toBe(304);
    expect(again.body.byteLength).toBe(0);
    const head = await get("/index.html", { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.body.byteLength).toBe(0);
  });
});

describe("a key that is no object", () => {
  it("gets S3's 403 AccessDenied in XML, as the distribution may not list the bucket", async () => {
    for (const url of ["/missing.js", "/", "/assets/", "/%E0%A4%A", "/%00", "/../index.html"]) {
      const answer = await get(url);
      expect(answer.status, url).toBe(403);
      expect(answer.headers["content-type"], url).toBe("application/xml");
      expect(answer.body.toString(), url).toContain("<Code>AccessDenied</Code>");
    }
  });
});
