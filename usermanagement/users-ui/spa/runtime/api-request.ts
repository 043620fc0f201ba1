// One way to call either API: relative same-origin URLs, and every failure turned into an ApiError whose
// message an operator can act on (unreachable, server trouble, or the API's own problem details).

/** RFC 9457 problem details, as both APIs answer errors. */
export interface ProblemDetails {
  readonly type?: string;
  readonly title?: string;
  readonly status?: number;
  readonly detail?: string;
  readonly errors?: readonly { readonly field: string; readonly message: string }[];
}

export class ApiError extends Error {
  constructor(
    message: string,
    /** The HTTP status, or 0 when no answer arrived at all. */
    readonly status: number,
    readonly problem?: ProblemDetails,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export interface ApiResponse<T> {
  readonly status: number;
  readonly body: T;
  /** The `ETag` header: a user's version as `"<version>"`. */
  readonly etag: string | null;
}

/** Sends `init` to `url` and returns the parsed JSON body; throws ApiError for anything but a 2xx. */
export async function callApi<T>(
  apiName: string,
  url: string,
  init: RequestInit = {},
): Promise<ApiResponse<T>> {
  let response: Response;
  try {
    response = await fetch(url, {
      ...init,
      headers: { accept: "application/json", ...init.headers },
      // Same origin only: the distribution routes /api/* to the APIs, so no CORS and no credentials elsewhere.
      credentials: "same-origin",
    });
  } catch {
    throw new ApiError(`The ${apiName} is unreachable. Check your connection and try again.`, 0);
  }
  const body = await readJson(response);
  if (response.ok) return { status: response.status, body: body as T, etag: response.headers.get("etag") };
  if (response.status >= 500) {
    throw new ApiError(
      `The ${apiName} is having trouble (HTTP ${response.status}). Try again in a moment.`,
      response.status,
    );
  }
  const problem = isProblem(body) ? body : undefined;
  throw new ApiError(
    problem?.detail ?? problem?.title ?? `The ${apiName} refused the request (HTTP ${response.status}).`,
    response.status,
    problem,
  );
}

async function readJson(response: Response): Promise<unknown> {
  if (response.status === 204) return undefined;
  const text = await response.text().catch(() => "");
  if (!/json/i.test(response.headers.get("content-type") ?? "") || text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isProblem(value: unknown): value is ProblemDetails {
  return typeof value === "object" && value !== null && ("detail" in value || "title" in value);
}
