// An HTTP API (API Gateway v2) whose routes all integrate one Node.js Lambda function: the shape both APIs share.
import type { Duration } from "aws-cdk-lib";
import * as apigwv2 from "aws-cdk-lib/aws-apigatewayv2";
import { HttpJwtAuthorizer } from "aws-cdk-lib/aws-apigatewayv2-authorizers";
import { HttpLambdaIntegration } from "aws-cdk-lib/aws-apigatewayv2-integrations";
import type * as lambda from "aws-cdk-lib/aws-lambda";
import { Construct } from "constructs";
import { JWT_IDENTITY_SOURCE, type JwtAuthorizerRules } from "../jwt-authorizer-rules";
import type { ApiResource } from "../runtime/api-router";
import { httpApiRoutes } from "../runtime/http-api-routes";
import { lambdaFunction } from "./lambda-function";
import { resourceFingerprint } from "./resource-fingerprint";
import { logGroupFor, type Retention } from "./retention";

export interface LambdaHttpApiProps {
  /** Tokens every route requires: API Gateway answers 401 before the function runs unless one passes these. */
  readonly authorizer: JwtAuthorizerRules;
  /** The TypeScript module exporting `handler`. */
  readonly entry: string;
  /** The paths the function serves and their methods; every other method on them reaches it too, for its 405. */
  readonly resources: readonly ApiResource[];
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
      description: `Routes ${props.resources.map((resource) => resource.path).join(", ")} to one function`,
      createDefaultStage: false,
    });
    const stage = this.httpApi.addStage("DefaultStage", {
      stageName: "$default",
      autoDeploy: true,
      throttle: {
        rateLimit: props.throttlingRateLimit ?? 50,
        burstLimit: props.throttlingBurstLimit ?? 100,
      },
      accessLogSettings: { destination: new apigwv2.LogGroupLogDestination(accessLogs) },
    });

    const integration = new HttpLambdaIntegration("Integration", this.function);
    const authorizer = new HttpJwtAuthorizer("JwtAuthorizer", props.authorizer.issuer, {
      jwtAudience: [...props.authorizer.audience],
      identitySource: [JWT_IDENTITY_SOURCE],
    });
    // Explicit routes only, no catch-all: the same table the sandbox routes by.
    for (const route of httpApiRoutes(props.resources)) {
      this.httpApi.addRoutes({
        path: route.path,
        methods: [route.method as apigwv2.HttpMethod],
        integration,
        authorizer,
      });
    }
    this.url = stage.url;
    this.urlFingerprint = resourceFingerprint(this.httpApi.node.defaultChild as apigwv2.CfnApi);
  }
}
