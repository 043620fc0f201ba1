// Picks the route of an HTTP API that a request reaches, as API Gateway does for an API with explicit routes
// and no `$default` route ("Routing API requests",
// https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-routes.html): the most
// specific path first (literal segments before path variables, a greedy `{name+}` last), and on that path the
// route for the request's method before `ANY`. A path variable matches exactly one non-empty segment.
// One trailing slash is ignored for matching and kept in the path the function gets (`/api/users/` takes
// `GET /api/users`, its rawPath still `/api/users/`): observed on HTTP APIs by aws-powertools/powertools-lambda-
// python#1552 and floci-io/floci#2136; the AWS docs say nothing about it.
import {
  type HttpApiRoute,
  type HttpApiRoutes,
  httpApiRoutes,
  routeKey,
} from "../../usermanagement/shared/runtime/http-api-routes";

export interface MatchedRoute {
  /** e.g. `GET /api/users/{username}` */
  readonly routeKey: string;
  /** Each path variable's value, as API Gateway passes it (percent-decoded); undefined when there are none. */
  readonly pathParameters?: Record<string, string>;
  /** The scopes of which the route's authorizer requires one. */
  readonly authorizationScopes: readonly string[];
}

interface CompiledRoute {
  readonly route: HttpApiRoute;
  readonly segments: readonly string[];
}

/** A matcher for one API's declared routes; `path` is the request path as API Gateway routes it (decoded). */
export function routeMatcher(
  routes: HttpApiRoutes,
): (method: string, path: string) => MatchedRoute | undefined {
  const compiled: CompiledRoute[] = httpApiRoutes(routes).map((route) => ({
    route,
    segments: route.path.split("/").slice(1),
  }));
  return (method, path) => {
    const requested = (path.length > 1 && path.endsWith("/") ? path.slice(0, -1) : path).split("/").slice(1);
    const candidates = compiled
      .map((candidate) => ({ candidate, parameters: matchSegments(candidate.segments, requested) }))
      .filter((match): match is { candidate: CompiledRoute; parameters: Record<string, string> } =>
        Boolean(match.parameters),
      )
      .filter(({ candidate }) => candidate.route.method === method || candidate.route.method === "ANY")
      .sort((a, b) => specificity(b.candidate) - specificity(a.candidate));
    const best = candidates[0];
    if (!best) return undefined;
    return {
      routeKey: routeKey(best.candidate.route),
      pathParameters: Object.keys(best.parameters).length ? best.parameters : undefined,
      authorizationScopes: best.candidate.route.authorizationScopes,
    };
  };
}

/** The path variables' values when `requested` fits the route's segments, else undefined. */
function matchSegments(
  segments: readonly string[],
  requested: readonly string[],
): Record<string, string> | undefined {
  const parameters: Record<string, string> = {};
  for (const [index, segment] of segments.entries()) {
    const variable = /^\{(\w+)(\+?)\}$/.exec(segment);
    if (variable?.[2] === "+") {
      const rest = requested.slice(index).join("/");
      if (!rest) return undefined;
      parameters[variable[1]] = rest;
      return parameters;
    }
    const value = requested[index];
    if (value === undefined) return undefined;
    if (variable) {
      if (!value) return undefined;
      parameters[variable[1]] = value;
    } else if (value !== segment) {
      return undefined;
    }
  }
  return requested.length === segments.length ? parameters : undefined;
}

/** Higher is more specific: literal segments count most, a greedy variable least, a method beats ANY. */
function specificity({ route, segments }: CompiledRoute): number {
  const literal = segments.filter((segment) => !segment.startsWith("{")).length;
  const greedy = segments.some((segment) => segment.endsWith("+}")) ? 1 : 0;
  return literal * 100 + segments.length * 10 - greedy * 5 + (route.method === "ANY" ? 0 : 1);
}
