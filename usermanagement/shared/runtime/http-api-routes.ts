// One HTTP API's routing, declared once: the CloudFront path pattern that sends requests to the API, the routes
// the API itself declares and the scope each of them requires. The CDK constructs (distribution behaviours,
// API Gateway routes and their authorization scopes), the handlers' routers and the local sandbox all read this
// one value.
import type { ApiResource } from "./api-router";

export interface HttpApiRoutes {
  /** The CloudFront behaviour's path pattern, e.g. `/api/users*`. */
  readonly pathPattern: string;
  /** The paths the API serves, each with the methods it allows. */
  readonly resources: readonly ApiResource[];
  /**
   * The scope a token must carry for each method the resources allow, e.g. `{ GET: READ_SCOPE }`: API Gateway's
   * JWT authorizer refuses any other token with 403 before the function runs. A route that requires a scope is
   * also what makes API Gateway refuse an ID token, which carries no `scope` claim at all.
   */
  readonly scopes: Readonly<Record<string, string>>;
}

/** One API Gateway route: a method (or `ANY`), a path template, and the scopes of which a token needs one. */
export interface HttpApiRoute {
  readonly method: string;
  readonly path: string;
  readonly authorizationScopes: readonly string[];
}

/** Every API lives under this prefix; the UI's own paths never do. */
export const API_PATH_PREFIX = "/api/";

/**
 * The routes an HTTP API declares: each method a resource allows, with its declared scope, plus `ANY` on the same
 * path so that the function answers an unsupported method with 405 and `Allow` rather than API Gateway's bare
 * 404. `ANY` accepts any of the API's scopes: whoever may use the API at all learns which methods a path takes
 * (a reader gets the 405, not a 403 for lacking a scope no method of the path would have needed).
 * @throws Error when a method has no declared scope: every route requires one
 */
export function httpApiRoutes(routes: HttpApiRoutes): HttpApiRoute[] {
  const anyScope = [...new Set(Object.values(routes.scopes))];
  return routes.resources.flatMap((resource) => [
    ...resource.methods.map((method) => {
      const scope = routes.scopes[method];
      if (scope === undefined) throw new Error(`${method} ${resource.path} declares no authorization scope`);
      return { method, path: resource.path, authorizationScopes: [scope] };
    }),
    { method: "ANY", path: resource.path, authorizationScopes: anyScope },
  ]);
}

/** API Gateway's route key, e.g. `GET /api/users/{username}`. */
export const routeKey = (route: Pick<HttpApiRoute, "method" | "path">) => `${route.method} ${route.path}`;
