// Runs the deployed stacks on the sandbox's services (their tables already in DynamoDB): the site's deployment in
// S3, the functions the HTTP APIs integrate in the Lambda service, the APIs in API Gateway and the distribution in
// front of them, with the issuer standing in for the user pool. What it does not run, it says.
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { apiGatewayMessage, type Integration, serveHttpApi } from "./api-gateway/http-api";
import { invokeLambdaIntegration } from "./api-gateway/lambda-integration";
import { fromHttpApiResult } from "./api-gateway/payload-v2";
import { notRunLines } from "./cloudformation/coverage";
import { type Deployment, withStandIns } from "./cloudformation/deployment";
import { deployToBuckets } from "./cloudformation/resources/bucket-deployment";
import { distributionFrom } from "./cloudformation/resources/distribution";
import { httpApisFrom } from "./cloudformation/resources/http-api";
import { functionDefinition } from "./cloudformation/resources/lambda-function";
import { type IssuerEndpoints, userPoolStandIn } from "./cloudformation/resources/user-pool";
import type { Distribution, Origin } from "./cloudfront/distribution";
import type { SandboxDynamoDB } from "./dynamodb/sandbox-dynamodb";
import { SPA_CLIENT_ID } from "./issuer/accounts";
import type { RunningIssuer } from "./issuer/issuer";
import type { FunctionLogRecord, LambdaService } from "./lambda/function-configuration";
import { startLambdaService } from "./lambda/lambda-service";
import { createBuckets } from "./s3/buckets";
import { originAccess } from "./s3/origin-access";
import { SandboxStartError } from "./start-error";

export interface SandboxServices {
  /** Its IAM-enforcing endpoint and the roles' credentials, for the functions. */
  readonly dynamoDB: Pick<SandboxDynamoDB, "endpoint" | "credentialsFor">;
  readonly issuer: RunningIssuer;
}

export interface RunningDeployment {
  /** The deployment with the issuer standing in for the user pool. */
  readonly deployment: Deployment;
  readonly distribution: Distribution;
  /** What the sandbox does not run, and what stands in for it, one line each. */
  readonly notRun: readonly string[];
  stop(): Promise<void>;
}

export interface RunOptions {
  /** Sees every event an integration is invoked with. @default - none */
  readonly onApiEvent?: (event: APIGatewayProxyEventV2) => void;
  /** Receives every log line of every function. @default - the Lambda service writes them to stdout */
  readonly functionLogs?: (record: FunctionLogRecord) => void;
}

export async function runDeployment(
  deployed: Deployment,
  services: SandboxServices,
  { onApiEvent, functionLogs }: RunOptions = {},
): Promise<RunningDeployment> {
  const standIn = userPoolStandIn(deployed, await issuerEndpoints(services.issuer));
  const deployment = withStandIns(deployed, standIn.rewrite);
  const buckets = createBuckets();
  for (const stack of deployment.stacks) deployToBuckets(stack, buckets, standIn.rewrite);

  let lambda: LambdaService | undefined;
  const invoked = new Set<string>();
  const apis = httpApisFrom(deployment, {
    integrationFor: (functionArn) => {
      invoked.add(functionArn);
      const functionName = functionArn.slice(functionArn.lastIndexOf(":") + 1);
      return observed(
        lambdaIntegration(() => lambda, functionName),
        onApiEvent,
      );
    },
    audience: standIn.clientIds,
  });
  const functions = deployment
    .resourcesOfType("AWS::Lambda::Function")
    .filter((fn) => invoked.has(fn.attribute("Arn") ?? ""))
    .map((fn) => functionDefinition(deployment, fn));
  const [{ env }] = deployment.stacks;
  lambda = await startLambdaService({
    functions: functions.map(({ configuration }) => configuration),
    region: env.region,
    accountId: env.accountId,
    credentialsFor: (role, sessionName) => services.dynamoDB.credentialsFor(role, sessionName),
    sandboxEnvironment: {
      // Where DynamoDB is: the bundled SDK reads it (the SDKs' service-specific endpoint setting), so neither
      // code nor template changes for the sandbox's DynamoDB.
      AWS_ENDPOINT_URL_DYNAMODB: services.dynamoDB.endpoint,
      // Not the workload's setting but the sandbox's Node's: the SDK warns on Node 20 that its 2027 releases want
      // Node 22, at every cold start; Lambda runs the functions on Node 24, where it has nothing to say.
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
    },
    log: functionLogs,
  });

  const origins = (domainName: string): Origin => {
    const api = apis.get(domainName);
    if (api) return (request) => serveHttpApi(api, request);
    const bucket = deployment
      .resourcesOfType("AWS::S3::Bucket")
      .find((b) => [b.attribute("RegionalDomainName"), b.attribute("DomainName")].includes(domainName));
    if (bucket) return originAccess(buckets, bucket.physicalId);
    throw new SandboxStartError(`The distribution's origin ${domainName} is nothing the sandbox runs.`);
  };
  const run = new Set(functions.map(({ configuration }) => configuration.functionName));
  return {
    deployment,
    distribution: distributionFrom(deployment, origins),
    notRun: [
      ...notRunLines(deployment, run),
      ...functions.flatMap(({ configuration, unevaluatedPolicies }) =>
        unevaluatedPolicies.map(
          (arn) => `${arn}, attached to ${configuration.functionName}'s role → not evaluated`,
        ),
      ),
    ],
    stop: async () => {
      await lambda?.stop();
    },
  };
}

/** The issuer's endpoints from its discovery document, as a relying party finds them, and its clients. */
async function issuerEndpoints(issuer: RunningIssuer): Promise<IssuerEndpoints> {
  const response = await fetch(`${issuer.url}/.well-known/openid-configuration`);
  const discovery = (await response.json()) as Omit<IssuerEndpoints, "spaClientId" | "machineClientIds">;
  return {
    issuer: discovery.issuer,
    authorization_endpoint: discovery.authorization_endpoint,
    token_endpoint: discovery.token_endpoint,
    end_session_endpoint: discovery.end_session_endpoint,
    revocation_endpoint: discovery.revocation_endpoint,
    spaClientId: SPA_CLIENT_ID,
    machineClientIds: issuer.rules.audience.filter((clientId) => clientId !== SPA_CLIENT_ID),
  };
}

/** A Lambda proxy integration: the function's result as API Gateway reads it, or API Gateway's own error. */
function lambdaIntegration(lambda: () => LambdaService | undefined, functionName: string): Integration {
  return async (event) => {
    const service = lambda();
    if (!service) throw new Error(`The Lambda service is not running ${functionName} yet`);
    const answer = await invokeLambdaIntegration(service, functionName, event);
    return answer.kind === "result"
      ? fromHttpApiResult(answer.result as object)
      : apiGatewayMessage(answer.status, answer.message, event.requestContext.requestId);
  };
}

function observed(integration: Integration, onEvent?: (event: APIGatewayProxyEventV2) => void): Integration {
  if (!onEvent) return integration;
  return (event) => {
    onEvent(event);
    return integration(event);
  };
}
