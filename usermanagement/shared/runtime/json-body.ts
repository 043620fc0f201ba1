// Reads a JSON request body at the edge of a handler, refusing what no schema should ever see.
import { ProblemError } from "./problem-details";

/** The largest body either API accepts; user records and chat messages are far smaller. */
export const MAX_BODY_BYTES = 16 * 1024;

/**
 * Returns the parsed JSON body of `request`, judged on the bytes the client sent: the size before any decoding,
 * and UTF-8 decoded strictly, so that nothing is stored with characters the client never sent.
 * @throws ProblemError 415 for a non-JSON content type or a charset other than UTF-8, 413 above `maxBytes`,
 * 400 for invalid UTF-8 or malformed JSON.
 */
export async function readJsonBody(request: Request, maxBytes = MAX_BODY_BYTES): Promise<unknown> {
  const [mediaType, ...parameters] = (request.headers.get("content-type") ?? "").split(";");
  const type = mediaType.trim().toLowerCase();
  // JSON is UTF-8 (RFC 8259 §8.1); a declared charset can only be that one.
  const charset = parameters
    .map((parameter) => /^\s*charset\s*=\s*"?([^";\s]*)"?\s*$/i.exec(parameter)?.[1])
    .find((value) => value !== undefined);
  if ((type !== "application/json" && !type.endsWith("+json")) || !isUtf8(charset)) {
    throw new ProblemError(
      415,
      "unsupported-media-type",
      "Unsupported media type",
      "Send the request body as UTF-8 JSON with `Content-Type: application/json`.",
      { headers: { "accept-post": "application/json" } },
    );
  }
  const bytes = new Uint8Array(await request.arrayBuffer());
  if (bytes.byteLength > maxBytes) {
    throw new ProblemError(
      413,
      "body-too-large",
      "Request body too large",
      `The request body is ${bytes.byteLength} bytes; the limit is ${maxBytes} bytes.`,
    );
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new ProblemError(400, "malformed-json", "Malformed JSON", "The request body is not valid UTF-8.");
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ProblemError(
      400,
      "malformed-json",
      "Malformed JSON",
      `The request body is not valid JSON: ${(error as Error).message}`,
    );
  }
}

const isUtf8 = (charset: string | undefined) => charset === undefined || /^utf-?8$/i.test(charset);
