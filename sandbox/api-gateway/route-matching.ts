// Picks the route of an HTTP API that a request reaches, as API Gateway does ("Routing API requests",
// https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-routes.html): the most
// specific path first (literal segments before path variables, a greedy `{name+}` last), on that path the route
// for the request's method before `ANY`, and the `$default` route for a request no other route matches. A path
// variable matches exactly one non-empty segment.
// One trailing slash is ignored for matching and kept in the path the function gets (`/api/users/` takes
// `GET /api/users`, its rawPath still `/api/users/`): observed on HTTP APIs by aws-powertools/powertools-lambda-
// python#1552 and floci-io/floci#2136; the AWS docs say nothing about it.

export interface MatchedRoute {
  /** e.g. `GET /api/users/{username}` */
  readonly routeKey: string;
  /** Each path variable's value, as API Gateway passes it (percent-decoded); undefined when there are none. */
  readonly pathParameters?: Record<string, string>;
}

interface CompiledRoute {
  readonly routeKey: string;
  readonly method: string;
  readonly segments: readonly string[];
}

/** The route key of the route that takes whatever no other route matches. */
export const DEFAULT_ROUTE_KEY = "$default";

/**
 * A matcher for one API's route keys (`GET /api/users`, `ANY /api/users/{username}`, `$default`); `path` is the
 * request path as API Gateway routes it (decoded).
 */
export function routeMatcher(
  routeKeys: readonly string[],
): (method: string, path: string) => MatchedRoute | undefined {
  const compiled: CompiledRoute[] = routeKeys
    .filter((key) => key !== DEFAULT_ROUTE_KEY)
    .map((routeKey) => {
      const [method, path] = routeKey.split(" ");
      return { routeKey, method, segments: path.split("/").slice(1) };
    });
  const fallback = routeKeys.includes(DEFAULT_ROUTE_KEY) ? { routeKey: DEFAULT_ROUTE_KEY } : undefined;
  return (method, path) => {
    const requested = (path.length > 1 && path.endsWith("/") ? path.slice(0, -1) : path).split("/").slice(1);
    const candidates = compiled
      .map((candidate) => ({ candidate, parameters: matchSegments(candidate.segments, requested) }))
      .filter((match): match is { candidate: CompiledRoute; parameters: Record<string, string> } =>
        Boolean(match.parameters),
      )
      .filter(({ candidate }) => candidate.method === method || candidate.method === "ANY")
      .sort((a, b) => specificity(b.candidate) - specificity(a.candidate));
    const best = candidates[0];
    if (!best) return fallback;
    return {
      routeKey: best.candidate.routeKey,
      pathParameters: Object.keys(best.parameters).length ? best.parameters : undefined,
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
function specificity({ method, segments }: CompiledRoute): number {
  const literal = segments.filter((segment) => !segment.startsWith("{")).length;
  const greedy = segments.some((segment) => segment.endsWith("+}")) ? 1 : 0;
  return literal * 100 + segments.length * 10 - greedy * 5 + (method === "ANY" ? 0 : 1);
}
