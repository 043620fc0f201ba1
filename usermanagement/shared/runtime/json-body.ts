// Reads a JSON request body at the edge of a handler, refusing what no schema should ever see.
import { ProblemError } from "./problem-details";

/** The largest body either API accepts; user records and chat messages are far smaller. */
export const MAX_BODY_BYTES = 16 * 1024;

/**
 * Returns the parsed JSON body of `request`.
 * @throws ProblemError 415 for a non-JSON content type, 413 above `maxBytes`, 400 for malformed JSON.
 */
export async function readJsonBody(request: Request, maxBytes = MAX_BODY_BYTES): Promise<unknown> {
  const contentType = request.headers.get("content-type") ?? "";
  const mediaType = contentType.split(";")[0].trim().toLowerCase();
  if (mediaType !== "application/json" && !mediaType.endsWith("+json")) {
    throw new ProblemError(
      415,
      "unsupported-media-type",
      "Unsupported media type",
      "Send the request body as JSON with `Content-Type: application/json`.",
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
  const text = new TextDecoder("utf-8", { fatal: false }).decode(bytes);
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
