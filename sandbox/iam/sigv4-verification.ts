// Checks a request's Signature Version 4 against the secret the sandbox issued for its access key, as an AWS
// endpoint does before it authorizes anything (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html).
// The signature is recomputed with @smithy/signature-v4, the signer the AWS SDK itself uses, over exactly the
// headers the caller says it signed.
import { createHash, createHmac, type Hash, type Hmac } from "node:crypto";
import { SignatureV4 } from "@smithy/signature-v4";
import type { RoleCredentials } from "./execution-role";

/** The parts of an `Authorization: AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…` header. */
export interface SigV4Authorization {
  readonly accessKeyId: string;
  readonly region: string;
  readonly service: string;
  readonly signedHeaders: readonly string[];
  readonly signature: string;
}

export interface ReceivedRequest {
  readonly method: string;
  /** Path and query as received, e.g. `/`. */
  readonly url: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: Buffer;
}

const AUTHORIZATION =
  /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/;

export function parseSigV4Authorization(header: string | undefined): SigV4Authorization | undefined {
  const match = header ? AUTHORIZATION.exec(header) : null;
  if (!match) return undefined;
  const [, accessKeyId, , region, service, signedHeaders, signature] = match;
  return { accessKeyId, region, service, signedHeaders: signedHeaders.split(";"), signature };
}

/** Whether `request` was signed with `credentials`' secret. */
export async function isSignedWith(
  request: ReceivedRequest,
  authorization: SigV4Authorization,
  credentials: RoleCredentials,
): Promise<boolean> {
  const amzDate = header(request, "x-amz-date");
  if (!amzDate) return false;
  // A signed payload hash vouches for the body only if it is the body's: the signer takes the header as given.
  const payloadHash = header(request, "x-amz-content-sha256");
  if (payloadHash !== undefined && payloadHash !== createHash("sha256").update(request.body).digest("hex"))
    return false;
  const headers: Record<string, string> = {};
  for (const name of authorization.signedHeaders) headers[name] = header(request, name) ?? "";
  const [path, query = ""] = request.url.split("?");
  const signer = new SignatureV4({
    credentials,
    region: authorization.region,
    service: authorization.service,
    sha256: NodeSha256,
    applyChecksum: false,
  });
  const signed = await signer.sign(
    {
      method: request.method,
      protocol: "http:",
      hostname: headers.host ?? "",
      path,
      query: Object.fromEntries(new URLSearchParams(query)),
      headers,
      body: request.body,
    },
    { signingDate: fromAmzDate(amzDate), signableHeaders: new Set(authorization.signedHeaders) },
  );
  return parseSigV4Authorization(signed.headers.authorization)?.signature === authorization.signature;
}

function header(request: ReceivedRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(",") : value;
}

/** `20240102T030405Z` → the Date it names. */
function fromAmzDate(amzDate: string): Date {
  return new Date(amzDate.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, "$1-$2-$3T$4:$5:$6Z"));
}

/** SHA-256 (or its HMAC, given a secret) in the shape the signer asks for, on Node's own crypto. */
export class NodeSha256 {
  readonly #hash: Hash | Hmac;

  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.#hash = secret === undefined ? createHash("sha256") : createHmac("sha256", toBuffer(secret));
  }

  update(data: string | ArrayBuffer | ArrayBufferView): void {
    this.#hash.update(toBuffer(data));
  }

  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.#hash.digest());
  }
}

function toBuffer(data: string | ArrayBuffer | ArrayBufferView): Buffer {
  if (typeof data === "string") return Buffer.from(data, "utf8");
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return Buffer.from(data);
}
