// One way to call either API: relative same-origin URLs, the operator's access token on every call, and every
// failure turned into an ApiError whose message an operator can act on (unreachable, server trouble, not
// allowed, or the API's own problem details).
import type { ProblemDetails } from "../../../shared/runtime/problem-details";

export type { ProblemDetails } from "../../../shared/runtime/problem-details";

/** How requests are signed in: set once the operator is; until then requests go without a token. */
export interface RequestAuthentication {
  accessToken(): string;
  /** A fresh access token, or `undefined` when the session can't be renewed. */
  renew(): Promise<string | undefined>;
  /** Keeps what was typed and sends the browser to sign in again. */
  signInAgain(): Promise<void>;
}

let authentication: RequestAuthentication | undefined;

export function authenticateRequests(auth: RequestAuthentication): void {
  authentication = auth;
}

export class ApiError extends Error {
  constructor(
    message: string,
    /** The HTTP status, or 0 when no answer arrived at all. */
    readonly status: number,
    readonly problem?: Partial<ProblemDetails>,
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
  let response = await send(apiName, url, init, authentication?.accessToken());
  if (response.status === 401 && authentication) {
    // An expired or revoked token: renew it once and retry, else sign in again (what was typed is kept).
    const renewed = await authentication.renew();
    if (renewed) response = await send(apiName, url, init, renewed);
    if (response.status === 401) {
      await authentication.signInAgain();
      throw new ApiError("Your session has ended. Taking you to sign in again…", 401);
    }
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
  const refused =
    response.status === 403
      ? "You are not allowed to do that: only admins may change users."
      : `The ${apiName} refused the request (HTTP ${response.status}).`;
  throw new ApiError(problem?.detail ?? problem?.title ?? refused, response.status, problem);
}

async function send(apiName: string, url: string, init: RequestInit, token?: string): Promise<Response> {
  try {
    return await fetch(url, {
      ...init,
      headers: {
        accept: "application/json",
        ...init.headers,
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      // Same origin only: the distribution routes /api/* to the APIs, so no CORS and no credentials elsewhere.
      credentials: "same-origin",
    });
  } catch {
    throw new ApiError(`The ${apiName} is unreachable. Check your connection and try again.`, 0);
  }
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

function isProblem(value: unknown): value is Partial<ProblemDetails> {
  return typeof value === "object" && value !== null && ("detail" in value || "title" in value);
}
