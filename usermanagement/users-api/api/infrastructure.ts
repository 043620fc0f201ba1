// The Users API: an HTTP API and the Lambda function behind it, with least-privilege access to the table.
import * as path from "node:path";
import type * as apigwv2 from "aws-cdk-lib/aws-apigatewayv2";
import type * as dynamodb from "aws-cdk-lib/aws-dynamodb";
import * as iam from "aws-cdk-lib/aws-iam";
import type * as lambda from "aws-cdk-lib/aws-lambda";
import { Construct } from "constructs";
import { LambdaHttpApi } from "../../shared/infrastructure/lambda-http-api";
import type { Retention } from "../../shared/infrastructure/retention";
import type { JwtAuthorizerRules } from "../../shared/jwt-authorizer-rules";
import { USERS_TABLE_SCHEMA } from "../database/table-schema";
import { USERS_API_RESOURCES } from "./runtime/routes";

export interface APIProps {
  /** The Users table the function reads and writes. */
  readonly table: dynamodb.ITable;
  /** Tokens every route requires. */
  readonly authorizer: JwtAuthorizerRules;
  /** @default - none reserved: see LambdaHttpApiProps.reservedConcurrency */
  readonly reservedConcurrency?: number;
  /** How long the function's and the API's logs are kept, and whether they outlive the stack. */
  readonly retention: Retention;
}

export class API extends Construct {
  readonly function: lambda.IFunction;
  readonly httpApi: apigwv2.HttpApi;
  /** Base URL of the API, ending in `/`; users are under `api/users`. */
  readonly url: string;
  /** See LambdaHttpApi.urlFingerprint. */
  readonly urlFingerprint: string;

  constructor(scope: Construct, id: string, props: APIProps) {
    super(scope, id);
    const api = new LambdaHttpApi(this, "UsersHttpApi", {
      entry: path.join(import.meta.dirname, "runtime", "handler.ts"),
      resources: USERS_API_RESOURCES,
      authorizer: props.authorizer,
      reservedConcurrency: props.reservedConcurrency,
      environment: {
        USERS_TABLE_NAME: props.table.tableName,
        POWERTOOLS_SERVICE_NAME: "users-api",
        POWERTOOLS_LOG_LEVEL: "INFO",
      },
      retention: props.retention,
    });
    // Only the operations the store issues, not grantReadWriteData's scans and batch writes: consistent reads of
    // one item, and transactions of puts and deletes (a transaction needs the action of each of its items), on
    // the table; queries on the two indexes it reads.
    api.function.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:DeleteItem"],
        resources: [props.table.tableArn],
      }),
    );
    api.function.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ["dynamodb:Query"],
        resources: [USERS_TABLE_SCHEMA.listIndex, USERS_TABLE_SCHEMA.searchIndex].map(
          ({ name }) => `${props.table.tableArn}/index/${name}`,
        ),
      }),
    );
    this.function = api.function;
    this.httpApi = api.httpApi;
    this.url = api.url;
    this.urlFingerprint = api.urlFingerprint;
  }
}
