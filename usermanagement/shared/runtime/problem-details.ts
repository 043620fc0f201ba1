// RFC 9457 problem details: the single error format both APIs answer with.
import type * as z from "zod/mini";

export const PROBLEM_CONTENT_TYPE = "application/problem+json";

/** One offending field of a rejected request body or query string. */
export interface FieldError {
  /** Dotted path of the field, e.g. `email` or `sessionState.intent.name`; empty for the body itself. */
  readonly field: string;
  readonly message: string;
}

export interface ProblemDetails {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly errors?: readonly FieldError[];
}

/**
 * A request the API refuses on purpose. Throw it anywhere below a handler; the handler turns it into a
 * problem response, so domain code never builds HTTP responses itself.
 */
export class ProblemError extends Error {
  readonly problem: ProblemDetails;
  readonly headers: Readonly<Record<string, string>>;

  constructor(
    status: number,
    /** A short slug naming the kind of problem, e.g. `email-taken`; becomes the problem's `type` URI. */
    kind: string,
    title: string,
    detail: string,
    options: { errors?: readonly FieldError[]; headers?: Record<string, string> } = {},
  ) {
    super(detail);
    this.name = "ProblemError";
    // Tag URIs (RFC 4151) identify a problem type without pretending a documentation page exists.
    this.problem = { type: `tag:usermanagement,2026:${kind}`, title, status, detail, errors: options.errors };
    this.headers = options.headers ?? {};
  }
}

/** Renders a problem as a Web `Response` with the RFC 9457 media type. */
export function problemResponse(error: ProblemError): Response {
  return new Response(JSON.stringify(error.problem), {
    status: error.problem.status,
    headers: { ...error.headers, "content-type": PROBLEM_CONTENT_TYPE },
  });
}

/** Maps a zod failure to a 400 problem that names every offending field. */
export function validationProblem(issues: readonly z.core.$ZodIssue[], what = "request body"): ProblemError {
  const errors = issues.flatMap((issue) => {
    const path = issue.path.map(String);
    // An unknown field is the offending field itself, not its parent object.
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((key) => ({ field: [...path, key].join("."), message: "is not a known field" }));
    }
    return [{ field: path.join("."), message: issue.message }];
  });
  const fields = [...new Set(errors.map((e) => e.field || "(body)"))].join(", ");
  return new ProblemError(400, "validation-error", "Invalid request", `The ${what} is invalid: ${fields}.`, {
    errors,
  });
}
