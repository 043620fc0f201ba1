// Whether a function's resource-based policy (its AWS::Lambda::Permission resources) lets API Gateway invoke it
// for a route: the action, the service principal, the function (by ARN or name) and the route's source ARN,
// `arn:aws:execute-api:<region>:<account>:<api id>/<stage>/<method>/<path>`, matched with IAM's wildcards
// ("Using resource-based policies in Lambda", "Control access to HTTP APIs with IAM"). Without one, API Gateway
// cannot call the function and answers the route with a 500.
import { type Deployment, resolved } from "../deployment";

interface PermissionProperties {
  readonly Action: string;
  readonly FunctionName: string;
  readonly Principal: string;
  readonly SourceArn?: string;
  readonly SourceAccount?: string;
}

export function apiGatewayMayInvoke(deployment: Deployment, functionArn: string, sourceArn: string): boolean {
  const functionName = functionArn.slice(functionArn.lastIndexOf(":") + 1);
  const [, , , , account] = sourceArn.split(":");
  return deployment.resourcesOfType("AWS::Lambda::Permission").some((permission) => {
    const { Action, FunctionName, Principal, SourceArn, SourceAccount } = resolved(
      permission,
    ) as unknown as PermissionProperties;
    return (
      (Action === "lambda:InvokeFunction" || Action === "lambda:*") &&
      Principal === "apigateway.amazonaws.com" &&
      (FunctionName === functionArn ||
        FunctionName === functionName ||
        FunctionName.endsWith(`:function:${functionName}`)) &&
      (SourceArn === undefined || arnPattern(SourceArn).test(sourceArn)) &&
      (SourceAccount === undefined || SourceAccount === account)
    );
  });
}

/** An ARN with IAM's wildcards: `*` any run of characters, `?` one. */
function arnPattern(pattern: string): RegExp {
  const source = pattern
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, ".*")
    .replace(/\?/g, ".");
  return new RegExp(`^${source}$`);
}
