// How each failure of the user store reads as an HTTP problem.
import type { Router } from "@aws-lambda-powertools/event-handler/http";
import { ProblemError, problemResponse } from "../../../shared/runtime/problem-details";
import {
  ConcurrentUpdateError,
  EmailTakenError,
  UserNotFoundError,
  UsernameTakenError,
  VersionMismatchError,
} from "./user-errors";
import { SearchIndexNotReadyError } from "./user-search";
import { entityTag, TooManyEntityTagsError } from "./version-tags";

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
  router.errorHandler(TooManyEntityTagsError, async (error) =>
    problemResponse(new ProblemError(400, "too-many-entity-tags", "Too many entity tags", error.message)),
  );
  router.errorHandler(ConcurrentUpdateError, async (error) =>
    problemResponse(
      // 409, not 503: the API is healthy, this one user is contended. Nothing was written, so a retry is safe.
      new ProblemError(409, "concurrent-update", "Concurrent update", error.message, {
        headers: { "retry-after": String(CONCURRENT_UPDATE_RETRY_AFTER_SECONDS) },
      }),
    ),
  );
  router.errorHandler(SearchIndexNotReadyError, async (error) =>
    problemResponse(
      // 503: the API can't search yet, through no fault of the request; it will once DynamoDB has built the index.
      new ProblemError(503, "search-not-ready", "Search not ready", error.message, {
        headers: { "retry-after": String(SEARCH_NOT_READY_RETRY_AFTER_SECONDS) },
      }),
    ),
  );
}

/** How long a client should wait before searching again while the search index is built. */
export const SEARCH_NOT_READY_RETRY_AFTER_SECONDS = 60;

/** How long a client should wait before retrying a write that lost every race. */
export const CONCURRENT_UPDATE_RETRY_AFTER_SECONDS = 1;
