// A Powertools HTTP router preconfigured with the behaviour both APIs share: problem-details errors,
// 404 for unknown paths, 405 with `Allow` for a known path's unsupported method, and one access-log line.

import { Router } from "@aws-lambda-powertools/event-handler/http";
import type { Logger } from "@aws-lambda-powertools/logger";
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from "aws-lambda";
import { ProblemError, problemResponse } from "./problem-details";

/** A path the API serves, in API Gateway's syntax (`/api/users/{username}`), with the methods it allows. */
export interface ApiResource {
  readonly path: string;
  readonly methods: readonly string[];
}

/** `/api/users/{username}` → `/api/users/:username`, the router's parameter syntax. */
export const toRouterPath = (path: string) => path.replace(/\{(\w+)\}/g, ":$1") as `/${string}`;

const toPattern = (path: string) => new RegExp(`^${path.replace(/\{\w+\}/g, "[^/]+")}/?$`);

export function createApiRouter(logger: Logger, resources: readonly ApiResource[]): Router {
  const router = new Router({ logger });
  const patterns = resources.map((resource) => ({ ...resource, pattern: toPattern(resource.path) }));

  router.notFound(async (_error, { req }) => {
    const path = new URL(req.url).pathname;
    const resource = patterns.find(({ pattern }) => pattern.test(path));
    if (!resource) {
      return problemResponse(
        new ProblemError(404, "not-found", "Not found", `Nothing is served at ${path}.`),
      );
    }
    const allow = resource.methods.join(", ");
    return problemResponse(
      new ProblemError(405, "method-not-allowed", "Method not allowed", `${path} accepts ${allow}.`, {
        headers: { allow },
      }),
    );
  });

  router.errorHandler(ProblemError, async (error) => problemResponse(error));

  // A path parameter with broken percent-encoding fails to decode inside the router.
  router.errorHandler(URIError, async () =>
    problemResponse(
      new ProblemError(400, "malformed-path", "Malformed path", "The request path is not valid."),
    ),
  );

  router.errorHandler(Error, async (error) => {
    logger.error("unhandled error", error);
    return problemResponse(
      new ProblemError(
        500,
        "internal-error",
        "Internal error",
        "The request failed unexpectedly; it is safe to retry.",
      ),
    );
  });

  return router;
}

export type HttpApiLambdaHandler = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

/**
 * The Lambda handler serving `router`. It logs one line per request after the router has answered, so that
 * requests ending in an error handler are logged too; the path is the only request data logged.
 */
export function httpApiHandler(router: Router, logger: Logger): HttpApiLambdaHandler {
  return async (event, context) => {
    logger.addContext(context);
    const started = performance.now();
    const result = await router.resolve(event, context);
    logger.info("request", {
      method: event.requestContext.http.method,
      path: event.rawPath,
      status: result.statusCode,
      durationMs: Math.round((performance.now() - started) * 100) / 100,
    });
    return result;
  };
}
