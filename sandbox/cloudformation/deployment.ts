// "Deploys" a cloud assembly's stacks the way CloudFormation creates them, in dependency order, without
// creating anything: each resource gets its physical id and attributes (physical-ids.ts), each template its
// intrinsics resolved (intrinsics.ts) against them and against the outputs of the stacks before it. What the
// sandbox runs is then read from the resolved resources, never from the sources they were built from.
import { randomUUID } from "node:crypto";
import type { AssemblyStack } from "./cloud-assembly";
import { resolveTemplate, unresolvedIn } from "./intrinsics";
import { nameProperty, type PhysicalResource, provision, type StackEnvironment } from "./physical-ids";
import { CDK_PATH_METADATA, type TemplateResource } from "./template";

/** Where an environment-agnostic stack is deployed: CDK's default region, and an account no one owns. */
export const SANDBOX_ENVIRONMENT = { region: "us-east-1", accountId: "000000000000" } as const;

export interface DeployedResource {
  readonly stackName: string;
  readonly logicalId: string;
  readonly type: string;
  /** What `Ref` returns. */
  readonly physicalId: string;
  /** The resolved properties: no intrinsic left but those the sandbox could not resolve (see `resolved`). */
  readonly properties: Readonly<Record<string, unknown>>;
  /** The construct path, e.g. `UserManagementSandbox-UsersAPI/Database/Table/Resource`. */
  readonly constructPath?: string;
  attribute(name: string): string | undefined;
}

export interface DeployedStack {
  readonly stackName: string;
  readonly env: StackEnvironment;
  readonly resources: readonly DeployedResource[];
  readonly outputs: Readonly<Record<string, unknown>>;
  /** The outputs' values by export name, for `Fn::ImportValue`. */
  readonly exports: Readonly<Record<string, unknown>>;
  /** Where the asset a resource names by S3 object key was staged in the assembly. */
  assetPath(objectKey: string): string | undefined;
}

export interface Deployment {
  readonly stacks: readonly DeployedStack[];
  /** Every resource of `type`, across the stacks. */
  resourcesOfType(type: string): DeployedResource[];
}

export function deploy(assembly: readonly AssemblyStack[]): Deployment {
  const stacks: DeployedStack[] = [];
  for (const stack of assembly) stacks.push(deployStack(stack, stacks));
  return {
    stacks,
    resourcesOfType: (type) => stacks.flatMap((stack) => stack.resources.filter((r) => r.type === type)),
  };
}

/** A resource's properties, throwing with its construct path if any intrinsic was left unresolved. */
export function resolved(resource: DeployedResource): Readonly<Record<string, unknown>> {
  const left = unresolvedIn(resource.properties);
  if (left.length > 0) {
    throw new Error(
      `The sandbox cannot resolve ${resource.constructPath ?? resource.logicalId} (${resource.type}): ${left.join("; ")}`,
    );
  }
  return resource.properties;
}

function deployStack(stack: AssemblyStack, before: readonly DeployedStack[]): DeployedStack {
  const region = stack.region ?? SANDBOX_ENVIRONMENT.region;
  const accountId = stack.account ?? SANDBOX_ENVIRONMENT.accountId;
  const env: StackEnvironment = {
    stackName: stack.stackName,
    region,
    accountId,
    partition: region.startsWith("cn-") ? "aws-cn" : "aws",
    urlSuffix: region.startsWith("cn-") ? "amazonaws.com.cn" : "amazonaws.com",
  };
  const pseudoParameters = {
    "AWS::Region": region,
    "AWS::AccountId": accountId,
    "AWS::Partition": env.partition,
    "AWS::URLSuffix": env.urlSuffix,
    "AWS::StackName": stack.stackName,
    "AWS::StackId": `arn:${env.partition}:cloudformation:${region}:${accountId}:stack/${stack.stackName}/${randomUUID()}`,
    "AWS::NotificationARNs": [],
  };
  const physical = new Map<string, PhysicalResource>();
  for (const [logicalId, resource] of Object.entries(stack.template.Resources)) {
    physical.set(
      logicalId,
      provision(resource.Type, { logicalId, env, name: ownName(resource, pseudoParameters) }),
    );
  }
  const template = resolveTemplate(stack.template, {
    refs: {
      ...pseudoParameters,
      ...Object.fromEntries([...physical].map(([logicalId, { physicalId }]) => [logicalId, physicalId])),
    },
    attribute: (logicalId, name) => physical.get(logicalId)?.attribute(name),
    stackOutput: (stackName, outputName) =>
      before.find((s) => s.stackName === stackName)?.outputs[outputName],
    exports: Object.fromEntries(before.flatMap((s) => Object.entries(s.exports))),
  });
  const resources = Object.entries(template.Resources)
    .filter(([, resource]) => resource.Condition !== false)
    .map(([logicalId, resource]): DeployedResource => {
      const identity = physical.get(logicalId) as PhysicalResource;
      return {
        stackName: stack.stackName,
        logicalId,
        type: resource.Type,
        physicalId: identity.physicalId,
        properties: resource.Properties ?? {},
        constructPath: stack.template.Resources[logicalId].Metadata?.[CDK_PATH_METADATA] as
          | string
          | undefined,
        attribute: identity.attribute,
      };
    });
  const outputs = Object.fromEntries(
    Object.entries(template.Outputs ?? {})
      .filter(([, output]) => output.Condition !== false)
      .map(([name, output]) => [name, output.Value]),
  );
  const exports = Object.fromEntries(
    Object.entries(template.Outputs ?? {})
      .filter(([, output]) => output.Export && output.Condition !== false)
      .map(([, output]) => [String(output.Export?.Name), output.Value]),
  );
  return { stackName: stack.stackName, env, resources, outputs, exports, assetPath: stack.assetPath };
}

/** The resource's own name, when its template sets one that the pseudo parameters alone resolve. */
function ownName(resource: TemplateResource, pseudoParameters: Record<string, unknown>): string | undefined {
  const property = nameProperty(resource.Type);
  const value = property === undefined ? undefined : resource.Properties?.[property];
  if (value === undefined || typeof value === "string") return value;
  const { Outputs } = resolveTemplate(
    { Resources: {}, Outputs: { Name: { Value: value } } },
    { refs: pseudoParameters, attribute: () => undefined, stackOutput: () => undefined, exports: {} },
  );
  const name = Outputs?.Name.Value;
  return typeof name === "string" && unresolvedIn(name).length === 0 ? name : undefined;
}

/** The deployment with `rewrite` applied to every resolved property and output: what stands in for a resource. */
export function withStandIns(deployment: Deployment, rewrite: <T>(value: T) => T): Deployment {
  const stacks = deployment.stacks.map((stack) => ({
    ...stack,
    outputs: rewrite(stack.outputs),
    resources: stack.resources.map((resource) => ({ ...resource, properties: rewrite(resource.properties) })),
  }));
  return {
    stacks,
    resourcesOfType: (type) => stacks.flatMap((stack) => stack.resources.filter((r) => r.type === type)),
  };
}
