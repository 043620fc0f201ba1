// A request counts as signed with a secret only if its Signature Version 4 matches what that secret gives. (That
// the verification agrees with the AWS SDK's own signing is proven in iam-enforcing-endpoint.test.ts.)
import { SignatureV4 } from "@smithy/signature-v4";
import { describe, expect, it } from "vitest";
import {
  isSignedWith,
  NodeSha256,
  parseSigV4Authorization,
  type ReceivedRequest,
} from "../../../sandbox/iam/sigv4-verification";

const credentials = { accessKeyId: "ASIAEXAMPLEEXAMPLE00", secretAccessKey: "secret", sessionToken: "token" };
const body = Buffer.from('{"TableName":"Users","Key":{"pk":{"S":"USER#alice"}}}');

/** Signs as the AWS SDK signs a call; with `applyChecksum`, the body's hash goes in `x-amz-content-sha256`. */
async function signedRequest(
  secretAccessKey = credentials.secretAccessKey,
  applyChecksum = false,
): Promise<ReceivedRequest> {
  const signer = new SignatureV4({
    credentials: { ...credentials, secretAccessKey },
    region: "us-east-1",
    service: "dynamodb",
    applyChecksum,
    sha256: NodeSha256,
  });
  const signed = await signer.sign({
    method: "POST",
    protocol: "http:",
    hostname: "127.0.0.1",
    port: 8000,
    path: "/",
    query: {},
    headers: {
      host: "127.0.0.1:8000",
      "content-type": "application/x-amz-json-1.0",
      "x-amz-target": "DynamoDB_20120810.GetItem",
    },
    body,
  });
  return { method: "POST", url: "/", headers: signed.headers, body };
}

describe("SigV4 verification", () => {
  it("reads the access key, scope and signed headers of an Authorization header", async () => {
    const request = await signedRequest();

    expect(parseSigV4Authorization(String(request.headers.authorization))).toMatchObject({
      accessKeyId: credentials.accessKeyId,
      region: "us-east-1",
      service: "dynamodb",
      signedHeaders: expect.arrayContaining(["host", "x-amz-date", "x-amz-security-token", "x-amz-target"]),
    });
    expect(parseSigV4Authorization("Bearer abc")).toBeUndefined();
  });

  it("accepts a request signed with the secret, and nothing changed since", async () => {
    for (const request of [await signedRequest(), await signedRequest(credentials.secretAccessKey, true)]) {
      const authorization = parseSigV4Authorization(String(request.headers.authorization));

      expect(authorization && (await isSignedWith(request, authorization, credentials))).toBe(true);
    }
  });

  it("refuses a request signed with another secret, or whose body or target changed after signing", async () => {
    const forged = await signedRequest("another secret");
    const genuine = await signedRequest();
    const tamperedBody = { ...genuine, body: Buffer.from('{"TableName":"Users"}') };
    const checksummed = await signedRequest(credentials.secretAccessKey, true);
    const tamperedChecksummedBody = { ...checksummed, body: Buffer.from('{"TableName":"Users"}') };
    const retargeted = {
      ...genuine,
      headers: { ...genuine.headers, "x-amz-target": "DynamoDB_20120810.DeleteTable" },
    };
    const authorization = (request: ReceivedRequest) =>
      parseSigV4Authorization(String(request.headers.authorization));

    const verdicts = [];
    for (const request of [forged, tamperedBody, tamperedChecksummedBody, retargeted]) {
      const parsed = authorization(request);
      verdicts.push(parsed && (await isSignedWith(request, parsed, credentials)));
    }
    expect(verdicts).toEqual([false, false, false, false]);
  });
});
