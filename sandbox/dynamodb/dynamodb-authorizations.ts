// The IAM authorizations DynamoDB checks for one API call: which actions, on which resource ARNs, with which
// context keys. Sources: "Actions, resources, and condition keys for Amazon DynamoDB"
// (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazondynamodb.html), "Using IAM with
// DynamoDB transactions" (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/transaction-apis-iam.html)
// and "IAM policies with PartiQL for DynamoDB" (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ql-iam.html).
import type { AuthorizationRequest } from "../iam/policy-evaluation";

export interface ResourceScope {
  readonly region: string;
  readonly accountId: string;
}

type Body = Record<string, unknown>;

/** Operations that name no table: IAM checks them against `*`. */
const ACCOUNT_LEVEL = new Set([
  "ListTables",
  "DescribeLimits",
  "DescribeEndpoints",
  "ListBackups",
  "ListGlobalTables",
  "ListExports",
  "ListImports",
  "ListContributorInsights",
]);

/** What a transaction item does → the action it needs (TransactGetItems' `Get` needs GetItem). */
const TRANSACTION_ITEM_ACTIONS: Readonly<Record<string, string>> = {
  Put: "dynamodb:PutItem",
  Update: "dynamodb:UpdateItem",
  Delete: "dynamodb:DeleteItem",
  ConditionCheck: "dynamodb:ConditionCheckItem",
  Get: "dynamodb:GetItem",
};

/** PartiQL statements are authorized by their verb, on the table (or `"table"."index"`) they name. */
const PARTIQL_ACTIONS: Readonly<Record<string, string>> = {
  SELECT: "dynamodb:PartiQLSelect",
  INSERT: "dynamodb:PartiQLInsert",
  UPDATE: "dynamodb:PartiQLUpdate",
  DELETE: "dynamodb:PartiQLDelete",
};

/** Every authorization `operation` (the `X-Amz-Target` after the dot) with `body` needs; all must be allowed. */
export function dynamoDBAuthorizations(
  operation: string,
  body: Body,
  scope: ResourceScope,
): AuthorizationRequest[] {
  const arn = (table: string, index?: string) => tableArn(scope, table, index);
  switch (operation) {
    case "Query":
    case "Scan":
      return [
        { action: `dynamodb:${operation}`, resource: arn(String(body.TableName), optional(body.IndexName)) },
      ];
    case "BatchGetItem":
    case "BatchWriteItem":
      return Object.keys((body.RequestItems ?? {}) as Body).map((table) => ({
        action: `dynamodb:${operation}`,
        resource: arn(table),
      }));
    case "TransactWriteItems":
    case "TransactGetItems":
      return ((body.TransactItems ?? []) as Body[]).flatMap((item) =>
        Object.entries(item).map(([kind, request]) => ({
          action: TRANSACTION_ITEM_ACTIONS[kind] ?? `dynamodb:${kind}`,
          resource: arn(String((request as Body).TableName)),
          context: { "dynamodb:EnclosingOperation": operation },
        })),
      );
    case "ExecuteStatement":
      return [partiQLAuthorization(String(body.Statement), scope)];
    case "BatchExecuteStatement":
    case "ExecuteTransaction":
      return ((body.Statements ?? body.TransactStatements ?? []) as Body[]).map((statement) =>
        partiQLAuthorization(String(statement.Statement), scope),
      );
    default:
      return [{ action: `dynamodb:${operation}`, resource: defaultResource(operation, body, scope) }];
  }
}

/** `arn:aws:dynamodb:<region>:<account>:table/<name>[/index/<index>]`; a TableName may already be an ARN. */
function tableArn(scope: ResourceScope, table: string, index?: string): string {
  const base = table.startsWith("arn:")
    ? table
    : `arn:aws:dynamodb:${scope.region}:${scope.accountId}:table/${table}`;
  return index === undefined ? base : `${base}/index/${index}`;
}

function defaultResource(operation: string, body: Body, scope: ResourceScope): string {
  if (ACCOUNT_LEVEL.has(operation)) return "*";
  if (typeof body.ResourceArn === "string") return body.ResourceArn;
  if (typeof body.TableName === "string") return tableArn(scope, body.TableName);
  if (typeof body.TableArn === "string") return body.TableArn;
  return "*";
}

/** e.g. `SELECT * FROM "Users"."byName" WHERE …` → PartiQLSelect on the index. */
function partiQLAuthorization(statement: string, scope: ResourceScope): AuthorizationRequest {
  const verb = statement.trim().split(/\s+/)[0]?.toUpperCase() ?? "";
  const target = /\b(?:FROM|INTO|UPDATE)\s+("(?:[^"]|"")+"|[A-Za-z0-9_.-]+)(?:\."((?:[^"]|"")+)")?/i.exec(
    statement,
  );
  const table = target ? unquote(target[1]) : "*";
  return {
    action: PARTIQL_ACTIONS[verb] ?? `dynamodb:PartiQL${verb}`,
    resource: table === "*" ? "*" : tableArn(scope, table, target?.[2] && unquote(`"${target[2]}"`)),
  };
}

function unquote(identifier: string): string {
  return identifier.startsWith('"') ? identifier.slice(1, -1).replaceAll('""', '"') : identifier;
}

function optional(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}
