// Both APIs act on access tokens only. API Gateway's JWT authorizer checks a token's signature, issuer, audience
// and lifetime, all of which a Cognito ID token passes too (its `aud` is the app client's id, which the audience
// lists). In AWS the routes' authorization scopes already keep ID tokens out, since an ID token carries no
// `scope`; this check keeps the handlers' rule whole wherever they run behind an authorizer that requires no scope
// (a route declared without one, a direct invocation, another front door).
import type { Middleware } from "@aws-lambda-powertools/event-handler/types";
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { verifiedToken } from "./access";
import { ProblemError } from "./problem-details";

/**
 * Refuses a request whose token is not an access token (`token_use` other than `access`, or no token at all)
 * with 401 and RFC 6750's `invalid_token`: the credential is not one this API takes, so the client must fetch
 * the right one, not ask for more rights (which a 403 would suggest).
 */
export function requireAccessToken(event: APIGatewayProxyEventV2): void {
  const tokenUse = verifiedToken(event).claims.token_use;
  if (tokenUse === "access") return;
  const what = tokenUse === "id" ? "an ID token" : "no access token";
  throw new ProblemError(
    401,
    "invalid-token",
    "Not an access token",
    `The request carries ${what}; send the access token your sign-in returned, as \`Authorization: Bearer <token>\`.`,
    {
      headers: {
        "www-authenticate": `Bearer error="invalid_token", error_description="an access token is required"`,
      },
    },
  );
}

/**
 * Router middleware applying {@link requireAccessToken} to every matched route. A request no route serves
 * passes through, so an unknown path or method still gets its 404 or 405.
 */
export const accessTokenMiddleware: Middleware = async ({ reqCtx, next }) => {
  if (reqCtx.route) requireAccessToken(reqCtx.event as APIGatewayProxyEventV2);
  await next();
};
