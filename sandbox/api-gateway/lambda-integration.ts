// How an HTTP API's Lambda proxy integration turns an invocation into an answer: the function's result goes to
// the payload-v2.0 response mapping (payload-v2.ts); anything else is API Gateway's own error, and the cause is
// only in the function's log and the API's access log ($context.integrationErrorMessage).
// - A function error (thrown, timed out, crashed, a failed Init) and a throttled invocation both answer
//   500 {"message":"Internal Server Error"}: "Troubleshooting issues with HTTP API Lambda integrations"
//   (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-troubleshooting-lambda.html) gives that
//   body; an unhandled error answers HTTP 500 with it in AWS (aws/aws-sam-cli#2590, reported against a deployed
//   HTTP API); "Handling Lambda errors with an API Gateway API" says a rejected invocation, a throttle among them,
//   is a 500 (https://docs.aws.amazon.com/lambda/latest/dg/services-apigateway-errors.html).
// - An integration that has not answered after its timeout (30 s, the HTTP API maximum and default: "Amazon API
//   Gateway quotas", https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html) answers
//   503 {"message":"Service Unavailable"} while the function runs on (anomalyco/sst#2232).
import type { LambdaService } from "../lambda/function-configuration";

/** The HTTP API integration timeout, unless the integration sets `TimeoutInMillis` lower. */
export const INTEGRATION_TIMEOUT_MS = 30_000;

export type IntegrationAnswer =
  /** The function's result, for the payload-v2.0 response mapping. */
  | { readonly kind: "result"; readonly result: unknown }
  /** API Gateway's own answer: the status and the `message` of its JSON body. */
  | { readonly kind: "gateway-error"; readonly status: 500 | 503; readonly message: string };

const INTERNAL_SERVER_ERROR = {
  kind: "gateway-error",
  status: 500,
  message: "Internal Server Error",
} as const;
const SERVICE_UNAVAILABLE = { kind: "gateway-error", status: 503, message: "Service Unavailable" } as const;

/** Invokes `functionName` with the route's event and answers as the integration would. */
export async function invokeLambdaIntegration(
  lambda: Pick<LambdaService, "invoke">,
  functionName: string,
  event: unknown,
  timeoutMs = INTEGRATION_TIMEOUT_MS,
): Promise<IntegrationAnswer> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<IntegrationAnswer>((resolve) => {
    timer = setTimeout(() => resolve(SERVICE_UNAVAILABLE), timeoutMs);
  });
  try {
    return await Promise.race([
      lambda
        .invoke(functionName, event)
        .then((invocation) =>
          invocation.outcome === "success"
            ? { kind: "result" as const, result: invocation.payload }
            : INTERNAL_SERVER_ERROR,
        ),
      timedOut,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
