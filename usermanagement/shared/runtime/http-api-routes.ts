// One HTTP API's routing, declared once: the CloudFront path pattern that sends requests to the API, and the
// routes the API itself declares. The CDK constructs (distribution behaviours, API Gateway routes), the
// handlers' routers and the local sandbox all read this one value.
import type { ApiResource } from "./api-router";

export interface HttpApiRoutes {
  /** The CloudFront behaviour's path pattern, e.g. `/api/users*`. */
  readonly pathPattern: string;
  /** The paths the API serves, each with the methods it allows. */
  readonly resources: readonly ApiResource[];
}

/** One API Gateway route: a method (or `ANY`) and a path template. */
export interface HttpApiRoute {
  readonly method: string;
  readonly path: string;
}

/** Every API lives under this prefix; the UI's own paths never do. */
export const API_PATH_PREFIX = "/api/";

/**
 * The routes an HTTP API declares for its resources: each method a resource allows, plus `ANY` on the same path so
 * that the function answers an unsupported method with 405 and `Allow` rather than API Gateway's bare 404.
 */
export function httpApiRoutes(resources: readonly ApiResource[]): HttpApiRoute[] {
  return resources.flatMap((resource) =>
    [...resource.methods, "ANY"].map((method) => ({ method, path: resource.path })),
  );
}

/** API Gateway's route key, e.g. `GET /api/users/{username}`. */
export const routeKey = (route: HttpApiRoute) => `${route.method} ${route.path}`;
