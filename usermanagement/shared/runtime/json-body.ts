// Reads a JSON request body at the edge of a handler, refusing what no schema should ever see.
import { ProblemError } from "./problem-details";

/** The largest body either API accepts; user records and chat messages are far smaller. */
export const MAX_BODY_BYTES = 16 * 1024;

/**
 * Returns the parsed JSON body of `request`, judged on the bytes the client sent: the size before any decoding,
 * and UTF-8 decoded strictly, so that nothing is stored with characters the client never sent.
 *
 * Either way API Gateway hands a body over, invalid UTF-8 never gets through. AWS documents no rule for when an
 * HTTP API passes a JSON body as text rather than base64; as base64 it arrives as the client's bytes and fails
 * the strict decoding here; as text, bytes that were not UTF-8 can only arrive already decoded, each replaced by
 * U+FFFD (the sandbox's API Gateway decodes every text body so). So U+FFFD is refused wherever it is in the body:
 * it is the one mark of damaged text, and a name or address has no use for it.
 *
 * A member named twice in one object is refused too: `JSON.parse` would keep the last one silently, and two
 * readers of the same body (a proxy, a log, this API) could each act on a different value.
 * @throws ProblemError 415 for a non-JSON content type or a charset other than UTF-8, 413 above `maxBytes`,
 * 400 for invalid UTF-8 (or U+FFFD), malformed JSON or a duplicate member name.
 */
export async function readJsonBody(request: Request, maxBytes = MAX_BODY_BYTES): Promise<unknown> {
  const [mediaType, ...parameters] = (request.headers.get("content-type") ?? "").split(";");
  const type = mediaType.trim().toLowerCase();
  // JSON is UTF-8 (RFC 8259 §8.1); a declared charset can only be that one. Whatever follows the charset's name in
  // its parameter is not read, so that no trailing text makes a declared charset go unnoticed.
  const charset = parameters
    .map((parameter) => /^\s*charset\s*=\s*"?([^";\s]*)/i.exec(parameter)?.[1])
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
    throw notUtf8("The request body is not valid UTF-8.");
  }
  let body: unknown;
  let damaged = false;
  try {
    body = JSON.parse(text, (key, value) => {
      if (
        key.includes(REPLACEMENT_CHARACTER) ||
        (typeof value === "string" && value.includes(REPLACEMENT_CHARACTER))
      ) {
        damaged = true;
      }
      return value;
    });
  } catch (error) {
    throw new ProblemError(
      400,
      "malformed-json",
      "Malformed JSON",
      `The request body is not valid JSON: ${(error as Error).message}`,
    );
  }
  if (damaged) {
    throw notUtf8(
      "The request body holds U+FFFD, the character that stands for bytes that were not valid UTF-8; send the text as UTF-8.",
    );
  }
  const duplicate = firstDuplicateMember(text);
  if (duplicate) {
    const field = [...duplicate.path, duplicate.name].join(".");
    throw new ProblemError(
      400,
      "duplicate-member",
      "Duplicate member",
      `The request body names "${duplicate.name}" twice in one object; send each member once.`,
      { errors: [{ field, message: "is named more than once" }] },
    );
  }
  return body;
}

const REPLACEMENT_CHARACTER = "\uFFFD";

const notUtf8 = (detail: string) => new ProblemError(400, "malformed-json", "Malformed JSON", detail);

/** An open object (its member names so far, the current one, whether a name comes next) or array (its index). */
type Frame =
  | { readonly kind: "object"; readonly names: Set<string>; name?: string; nameNext: boolean }
  | { readonly kind: "array"; index: number };

/**
 * The first member name `text` (valid JSON: `JSON.parse` accepted it) repeats within one object, with the path
 * of that object. Written here rather than taken from a parser library because it is one pass over text already
 * known to be JSON, tracking only brackets, strings and commas; a second full parser would double the bundle's
 * JSON handling for this one check.
 */
export function firstDuplicateMember(text: string): { path: string[]; name: string } | undefined {
  const stack: Frame[] = [];
  const pathOf = (frames: readonly Frame[]) =>
    frames.map((frame) => (frame.kind === "object" ? (frame.name ?? "") : String(frame.index)));
  for (let at = 0; at < text.length; at++) {
    const char = text[at];
    const top = stack.at(-1);
    if (char === '"') {
      let end = at + 1;
      while (text[end] !== '"') end += text[end] === "\\" ? 2 : 1;
      if (top?.kind === "object" && top.nameNext) {
        const name = JSON.parse(text.slice(at, end + 1)) as string;
        if (top.names.has(name)) return { path: pathOf(stack.slice(0, -1)), name };
        top.names.add(name);
        top.name = name;
        top.nameNext = false;
      }
      at = end;
    } else if (char === "{") stack.push({ kind: "object", names: new Set(), nameNext: true });
    else if (char === "[") stack.push({ kind: "array", index: 0 });
    else if (char === "}" || char === "]") stack.pop();
    else if (char === "," && top?.kind === "object") top.nameNext = true;
    else if (char === "," && top?.kind === "array") top.index += 1;
  }
  return undefined;
}

const isUtf8 = (charset: string | undefined) => charset === undefined || /^utf-?8$/i.test(charset);
