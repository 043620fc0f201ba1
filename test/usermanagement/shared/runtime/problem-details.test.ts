// RFC 9457 problem details as both APIs answer them: a tag URI per kind of problem, the problem media type on
// every answer, and a validation problem that names each offending field once.

import { describe, expect, it } from "vitest";
import * as z from "zod/mini";
import {
  ProblemError,
  problemResponse,
  validationProblem,
} from "../../../../usermanagement/shared/runtime/problem-details";

const issuesOf = (schema: z.ZodMiniType, value: unknown) => {
  const result = schema.safeParse(value);
  if (result.success) throw new Error("expected the value to be refused");
  return result.error.issues;
};

// Every message given here, so that the test does not depend on which locale zod was configured with.
const contact = z.strictObject(
  {
    name: z.string().check(z.minLength(1, "must not be blank")),
    address: z.strictObject({ city: z.string("must be text") }, "must be an object"),
  },
  "must be an object",
);

describe("ProblemError", () => {
  it("carries the problem with a tag URI naming its kind, and its detail as the error's message", () => {
    const error = new ProblemError(409, "email-taken", "Email taken", "bob@example.com is in use.");

    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ name: "ProblemError", message: "bob@example.com is in use.", headers: {} });
    expect(error.problem).toEqual({
      type: "tag:usermanagement,2026:email-taken",
      title: "Email taken",
      status: 409,
      detail: "bob@example.com is in use.",
    });
  });
});

describe("problemResponse", () => {
  it("answers with the problem's status, the problem media type and the problem as JSON", async () => {
    const error = new ProblemError(404, "not-found", "Not found", "No user alice.", {
      errors: [{ field: "username", message: "is unknown" }],
    });

    const response = problemResponse(error);

    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(await response.json()).toEqual({
      type: "tag:usermanagement,2026:not-found",
      title: "Not found",
      status: 404,
      detail: "No user alice.",
      errors: [{ field: "username", message: "is unknown" }],
    });
  });

  it("sends the problem's own headers, but never lets one change the media type", () => {
    const error = new ProblemError(409, "concurrent-update", "Busy", "Try again.", {
      headers: { "retry-after": "1", "content-type": "text/html" },
    });

    const response = problemResponse(error);

    expect(response.headers.get("retry-after")).toBe("1");
    expect(response.headers.get("content-type")).toBe("application/problem+json");
  });
});

describe("validationProblem", () => {
  it("names each offending field by its dotted path, an unknown field as itself", () => {
    const issues = issuesOf(contact, { name: "", address: { city: 7, zip: "1000" }, phone: "1" });

    const { problem } = validationProblem(issues);

    expect(problem).toMatchObject({
      type: "tag:usermanagement,2026:validation-error",
      title: "Invalid request",
      status: 400,
    });
    expect(problem.errors).toEqual(
      expect.arrayContaining([
        { field: "name", message: "must not be blank" },
        { field: "address.city", message: "must be text" },
        { field: "address.zip", message: "is not a known field" },
        { field: "phone", message: "is not a known field" },
      ]),
    );
    expect(problem.errors).toHaveLength(4);
    // Each field once.
    const named = /^The request body is invalid: (.+)\.$/.exec(problem.detail)?.[1].split(", ");
    expect(named?.sort()).toEqual(["address.city", "address.zip", "name", "phone"]);
  });

  it("names a field with several problems once in its detail, and says what was invalid", () => {
    const strict = z.object({
      email: z.string().check(z.minLength(5, "is too short"), z.regex(/@/, "must contain @")),
    });

    const { problem } = validationProblem(issuesOf(strict, { email: "bob" }), "query string");

    expect(problem.errors).toEqual([
      { field: "email", message: "is too short" },
      { field: "email", message: "must contain @" },
    ]);
    expect(problem.detail).toBe("The query string is invalid: email.");
  });

  it("calls the body itself (body) when the body as a whole is wrong", () => {
    const { problem } = validationProblem(issuesOf(contact, "not an object"));

    expect(problem.errors).toEqual([{ field: "", message: "must be an object" }]);
    expect(problem.detail).toBe("The request body is invalid: (body).");
  });
});
