// How each failure of the user store reads as an HTTP problem.
import type { Router } from "@aws-lambda-powertools/event-handler/http";
import { ProblemError, problemResponse } from "../../../shared/runtime/problem-details";
import { EmailTakenError, UserNotFoundError, UsernameTakenError, VersionMismatchError } from "./user-errors";
import { entityTag } from "./version-tags";

export function answerDomainErrors(router: Router): void {
  router.errorHandler(UserNotFoundError, async (error) =>
    problemResponse(new ProblemError(404, "user-not-found", "User not found", error.message)),
  );
  router.errorHandler(UsernameTakenError, async (error) =>
    problemResponse(
      new ProblemError(409, "username-taken", "Username taken", error.message, {
        errors: [{ field: "username", message: "is already taken" }],
      }),
    ),
  );
  router.errorHandler(EmailTakenError, async (error) =>
    problemResponse(
      new ProblemError(409, "email-taken", "Email taken", error.message, {
        errors: [{ field: "email", message: "is already used by another user" }],
      }),
    ),
  );
  router.errorHandler(VersionMismatchError, async (error) =>
    problemResponse(
      new ProblemError(412, "version-mismatch", "Precondition failed", error.message, {
        headers: { etag: entityTag(error.currentVersion) },
      }),
    ),
  );
}
