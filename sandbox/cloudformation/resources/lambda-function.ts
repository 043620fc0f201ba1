// AWS::Lambda::Function, as the Lambda service gets it from CloudFormation: the code from its staged asset (the
// very bundle that deploys, source maps and all), its handler, its resolved environment variables, timeout,
// memory and reserved concurrency ("AWS::Lambda::Function": Timeout defaults to 3 seconds, MemorySize to 128
// MB), its log group, and its execution role with every policy the templates attach to that role: the role's
// inline `Policies`, each AWS::IAM::Policy and customer-managed AWS::IAM::ManagedPolicy naming it. A managed
// policy the templates do not hold (an AWS-managed one) cannot be evaluated here; it is reported instead.
import { statSync } from "node:fs";
import type { ExecutionRole, PolicyDocument } from "../../iam/execution-role";
import type { FunctionConfiguration } from "../../lambda/function-configuration";
import { type DeployedResource, type Deployment, resolved } from "../deployment";

export interface FunctionDefinition {
  readonly configuration: FunctionConfiguration;
  /** ARNs of managed policies attached to the role that the sandbox cannot evaluate. */
  readonly unevaluatedPolicies: readonly string[];
}

interface FunctionProperties {
  readonly Code: { readonly S3Key?: string; readonly ZipFile?: string; readonly ImageUri?: string };
  readonly Handler: string;
  readonly Runtime?: string;
  readonly Role: string;
  readonly Environment?: { readonly Variables?: Readonly<Record<string, string>> };
  readonly Timeout?: number;
  readonly MemorySize?: number;
  readonly ReservedConcurrentExecutions?: number;
  readonly LoggingConfig?: { readonly LogGroup?: string; readonly LogFormat?: "Text" | "JSON" };
}

export function functionDefinition(deployment: Deployment, resource: DeployedResource): FunctionDefinition {
  const properties = resolved(resource) as unknown as FunctionProperties;
  const where = resource.constructPath ?? resource.logicalId;
  if (!properties.Runtime?.startsWith("nodejs")) {
    throw new Error(`The sandbox runs Node.js functions only, not ${properties.Runtime} (${where})`);
  }
  const stack = deployment.stacks.find((candidate) => candidate.stackName === resource.stackName);
  const codeDirectory = properties.Code.S3Key ? stack?.assetPath(properties.Code.S3Key) : undefined;
  if (!codeDirectory || !statSync(codeDirectory).isDirectory()) {
    throw new Error(`The sandbox runs functions from a staged asset directory only (${where})`);
  }
  const { role, unevaluatedPolicies } = executionRole(deployment, properties.Role, where);
  return {
    configuration: {
      functionName: resource.physicalId,
      codeDirectory,
      handler: properties.Handler,
      environment: { ...properties.Environment?.Variables },
      timeoutSeconds: properties.Timeout ?? 3,
      memorySizeMb: properties.MemorySize ?? 128,
      reservedConcurrency: properties.ReservedConcurrentExecutions,
      role,
      logGroupName: properties.LoggingConfig?.LogGroup ?? `/aws/lambda/${resource.physicalId}`,
      logFormat: properties.LoggingConfig?.LogFormat,
    },
    unevaluatedPolicies,
  };
}

function executionRole(
  deployment: Deployment,
  roleArn: string,
  where: string,
): { role: ExecutionRole; unevaluatedPolicies: string[] } {
  const role = deployment.resourcesOfType("AWS::IAM::Role").find((r) => r.attribute("Arn") === roleArn);
  if (!role) throw new Error(`The execution role ${roleArn} of ${where} is not in the templates`);
  const properties = resolved(role) as {
    Policies?: readonly { PolicyDocument: PolicyDocument }[];
    ManagedPolicyArns?: readonly string[];
  };
  const names = (resource: DeployedResource, key: string) =>
    ((resolved(resource)[key] ?? []) as readonly string[]).includes(role.physicalId);
  const attached = [
    ...deployment.resourcesOfType("AWS::IAM::Policy").filter((policy) => names(policy, "Roles")),
    ...deployment
      .resourcesOfType("AWS::IAM::ManagedPolicy")
      .filter(
        (policy) => names(policy, "Roles") || properties.ManagedPolicyArns?.includes(policy.physicalId),
      ),
  ];
  const inTemplates = new Set(attached.map((policy) => policy.physicalId));
  return {
    role: {
      arn: roleArn,
      policies: [
        ...(properties.Policies ?? []).map(({ PolicyDocument }) => PolicyDocument),
        ...attached.map((policy) => resolved(policy).PolicyDocument as PolicyDocument),
      ],
    },
    unevaluatedPolicies: (properties.ManagedPolicyArns ?? []).filter((arn) => !inTemplates.has(arn)),
  };
}
