// Runs in a fresh `node` process, bundled to plain JS first so that no TypeScript loader skews the timing:
// imports one Lambda bundle and invokes it once through the sandbox's API Gateway model, like a cold start.
import { pathToFileURL } from "node:url";
import { type HttpApiHandler, invokeHttpApi } from "../sandbox/api-gateway/http-api";
import type { JwtAuthorizerContext } from "../sandbox/api-gateway/jwt-authorizer";
import type { PlainRequest } from "../sandbox/api-gateway/payload-v2";
import type { HttpApiRoutes } from "../usermanagement/shared/runtime/http-api-routes";

export interface ColdStartInput {
  readonly bundle: string;
  readonly routes: HttpApiRoutes;
  readonly request: PlainRequest;
  /** What API Gateway's JWT authorizer hands the function for the caller's access token. */
  readonly authorizer: JwtAuthorizerContext;
}

const { bundle, routes, request, authorizer } = JSON.parse(process.argv[2]) as ColdStartInput;
const { handler } = (await import(pathToFileURL(bundle).href)) as { handler: HttpApiHandler };
const response = await invokeHttpApi({ routes, functionName: "bench", handler }, request, { authorizer });
// From the process's own start (Node's time origin) to the first response: Lambda's init plus first invoke.
process.stdout.write(`${JSON.stringify({ totalMs: performance.now(), status: response.status })}\n`);
// The SDK's keep-alive sockets would hold the process open; Lambda freezes the sandbox here instead.
process.exit(0);
