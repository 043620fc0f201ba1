// A Powertools HTTP router preconfigured with the behaviour both APIs share: problem-details errors,
// 404 for unknown paths, 405 with `Allow` for a known path's unsupported method, and one access-log line.

import { ParameterValidationError, Router } from "@aws-lambda-powertools/event-handler/http";
import type { Middleware } from "@aws-lambda-powertools/event-handler/types";
import type { Logger } from "@aws-lambda-powertools/logger";
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from "aws-lambda";
import { canonicalPath, ROUTABLE_METHODS, routableEvent } from "./http-api-event";
import { ProblemError, problemResponse } from "./problem-details";

/** A path the API serves, in API Gateway's syntax (`/api/users/{username}`), with the methods it allows. */
export interface ApiResource {
  readonly path: string;
  readonly methods: readonly string[];
}

/** `/api/users/{username}` → `/api/users/:username`, the router's parameter syntax. */
export const toRouterPath = (path: string) => path.replace(/\{(\w+)\}/g, ":$1") as `/${string}`;

const toPattern = (path: string) => new RegExp(`^${path.replace(/\{\w+\}/g, "[^/]+")}/?$`);

/** Each router's resources, for answering a request no route of it serves. */
const resourcesOf = new WeakMap<Router, readonly ApiResource[]>();

/** The answer to a request no route serves: 405 with `Allow` on a known path, else 404. */
function unroutedResponse(resources: readonly ApiResource[], path: string): Response {
  const resource = resources.find(({ path: template }) => toPattern(template).test(path));
  if (!resource) {
    return problemResponse(new ProblemError(404, "not-found", "Not found", `Nothing is served at ${path}.`));
  }
  const allow = resource.methods.join(", ");
  return problemResponse(
    new ProblemError(405, "method-not-allowed", "Method not allowed", `${path} accepts ${allow}.`, {
      headers: { allow },
    }),
  );
}

/**
 * Powertools decodes a base64 body to text with replacement characters; JSON bodies must be judged on the bytes
 * the client sent (invalid UTF-8 is refused, not repaired), so the request gets them back before any handler.
 */
const exactBody: Middleware = async ({ reqCtx, next }) => {
  const event = reqCtx.event as APIGatewayProxyEventV2;
  if (event.isBase64Encoded && event.body) {
    reqCtx.req = new Request(reqCtx.req, { body: Buffer.from(event.body, "base64") });
  }
  await next();
};

export function createApiRouter(logger: Logger, resources: readonly ApiResource[]): Router {
  const router = new Router({ logger });
  resourcesOf.set(router, resources);
  router.use(exactBody);

  router.notFound(async (_error, { req }) => unroutedResponse(resources, new URL(req.url).pathname));

  // An empty or blank path parameter (`/api/users/%20`): the router refuses to match it, so nothing is there.
  router.errorHandler(ParameterValidationError, async (_error, { req }) =>
    unroutedResponse([], new URL(req.url).pathname),
  );

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
    const routable = routableEvent(event);
    const { method } = routable.requestContext.http;
    const result = ROUTABLE_METHODS.has(method)
      ? await router.resolve(routable, context)
      : // Powertools answers a method it can't route with a bare 405; ours says why, and what is allowed.
        await toResult(unroutedResponse(resourcesOf.get(router) ?? [], canonicalPath(event.rawPath)));
    logger.info("request", {
      method,
      path: routable.rawPath,
      status: result.statusCode,
      durationMs: Math.round((performance.now() - started) * 100) / 100,
    });
    return result;
  };
}

async function toResult(response: Response): Promise<APIGatewayProxyStructuredResultV2> {
  return {
    statusCode: response.status,
    headers: Object.fromEntries(response.headers),
    body: await response.text(),
    isBase64Encoded: false,
  };
}
