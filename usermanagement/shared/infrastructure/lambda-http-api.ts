// An HTTP API (API Gateway v2) whose routes all integrate one Node.js Lambda function: the shape both APIs share.
import type { Duration } from "aws-cdk-lib";
import { AccessLogFormat } from "aws-cdk-lib/aws-apigateway";
import * as apigwv2 from "aws-cdk-lib/aws-apigatewayv2";
import { HttpJwtAuthorizer } from "aws-cdk-lib/aws-apigatewayv2-authorizers";
import { HttpLambdaIntegration } from "aws-cdk-lib/aws-apigatewayv2-integrations";
import type * as lambda from "aws-cdk-lib/aws-lambda";
import { Construct } from "constructs";
import { JWT_IDENTITY_SOURCE, type JwtAuthorizerRules } from "../jwt-authorizer-rules";
import { type HttpApiRoutes, httpApiRoutes } from "../runtime/http-api-routes";
import { lambdaFunction } from "./lambda-function";
import { resourceFingerprint } from "./resource-fingerprint";
import { logGroupFor, type Retention } from "./retention";

export interface LambdaHttpApiProps {
  /**
   * Tokens every route requires: API Gateway answers 401 before the function runs unless one passes these (and
   * 403 unless it carries the route's scope). Their fingerprint, when given, names the authorizer, so that a
   * stack reading the issuer and audience through weak references re-reads them whenever they could change.
   */
  readonly authorizer: JwtAuthorizerRules;
  /** The TypeScript module exporting `handler`. */
  readonly entry: string;
  /**
   * The paths the function serves, their methods and the scope each requires; every other method on them reaches
   * the function too, for its 405.
   */
  readonly routes: HttpApiRoutes;
  /**
   * Concurrent executions reserved for the function; also its ceiling.
   * @default - no reservation: the function shares the account's unreserved concurrency
   */
  readonly reservedConcurrency?: number;
  /** @default 256 */
  readonly memorySize?: number;
  /** @default Duration.seconds(10) */
  readonly timeout?: Duration;
  /** @default {} */
  readonly environment?: Record<string, string>;
  /** Steady-state requests per second the stage lets through. @default 50 */
  readonly throttlingRateLimit?: number;
  /** Requests the stage lets through in a burst. @default 100 */
  readonly throttlingBurstLimit?: number;
  /** How long function and access logs are kept, and whether they outlive the stack. */
  readonly retention: Retention;
}

export class LambdaHttpApi extends Construct {
  readonly function: lambda.Function;
  readonly httpApi: apigwv2.HttpApi;
  /** The API's base URL, ending in `/`. */
  readonly url: string;
  /**
   * Changes whenever the HTTP API could be replaced and so get a new URL: a consumer that reads `url` through a
   * weak cross-stack reference writes it into its template to be redeployed, and re-read the URL, with it.
   */
  readonly urlFingerprint: string;

  constructor(scope: Construct, id: string, props: LambdaHttpApiProps) {
    super(scope, id);
    this.function = lambdaFunction(this, {
      entry: props.entry,
      roleDescription: "Runs the function: writes its logs; the API grants the rest",
      reservedConcurrency: props.reservedConcurrency,
      memorySize: props.memorySize,
      timeout: props.timeout,
      environment: props.environment,
      retention: props.retention,
    });

    const accessLogs = logGroupFor(this, "AccessLogs", props.retention);
    this.httpApi = new apigwv2.HttpApi(this, "HttpApi", {
      description: `Routes ${props.routes.resources.map((resource) => resource.path).join(", ")} to one function`,
      createDefaultStage: false,
    });
    const stage = this.httpApi.addStage("DefaultStage", {
      stageName: "$default",
      autoDeploy: true,
      throttle: {
        rateLimit: props.throttlingRateLimit ?? 50,
        burstLimit: props.throttlingBurstLimit ?? 100,
      },
      accessLogSettings: {
        destination: new apigwv2.LogGroupLogDestination(accessLogs),
        format: ACCESS_LOG_FORMAT,
      },
    });

    const integration = new HttpLambdaIntegration("Integration", this.function);
    const { issuer, audience, fingerprint } = props.authorizer;
    const authorizer = new HttpJwtAuthorizer("JwtAuthorizer", issuer, {
      authorizerName: fingerprint ? `JwtAuthorizer-${fingerprint}` : "JwtAuthorizer",
      jwtAudience: [...audience],
      identitySource: [JWT_IDENTITY_SOURCE],
    });
    // Explicit routes only, no catch-all, each requiring its scope: the same table the sandbox routes by.
    for (const route of httpApiRoutes(props.routes)) {
      this.httpApi.addRoutes({
        path: route.path,
        methods: [route.method as apigwv2.HttpMethod],
        integration,
        authorizer,
        authorizationScopes: [...route.authorizationScopes],
      });
    }
    this.url = stage.url;
    this.urlFingerprint = resourceFingerprint(this.httpApi.node.defaultChild as apigwv2.CfnApi);
  }
}

/**
 * One JSON line per request, in HTTP API variables only ("Customize HTTP API access logs",
 * http-api-logging-variables.html): CDK's default is the REST API's common log format, whose
 * `$context.resourcePath` and `$context.identity.caller/user` an HTTP API never fills. The route key, not the
 * path, names what was called, so no username reaches these logs; `authorizerError` says why API Gateway refused
 * a token, `integrationError` why the function could not answer.
 */
const ACCESS_LOG_FORMAT = AccessLogFormat.custom(
  JSON.stringify({
    requestId: "$context.requestId",
    requestTime: "$context.requestTime",
    sourceIp: "$context.identity.sourceIp",
    userAgent: "$context.identity.userAgent",
    httpMethod: "$context.httpMethod",
    routeKey: "$context.routeKey",
    protocol: "$context.protocol",
    status: "$context.status",
    responseLength: "$context.responseLength",
    responseLatency: "$context.responseLatency",
    clientId: "$context.authorizer.claims.client_id",
    authorizerError: "$context.authorizer.error",
    integrationStatus: "$context.integrationStatus",
    integrationError: "$context.integrationErrorMessage",
  }),
);
