// Reads a cloud assembly (the output of a synth) as the CDK CLI does before it deploys: the stacks with their
// templates in dependency order, and where each file asset that a template names by S3 object key was staged.
// Read by hand from the documented manifest files (cloud-assembly-schema): the reader classes aws-cdk-lib
// exports (`cx-api`'s CloudAssembly) are deprecated there, their successor ships only inside aws-cdk-lib.
import { readFileSync } from "node:fs";
import { isAbsolute, join } from "node:path";
import type { Template } from "./template";

export interface AssemblyStack {
  /** The CloudFormation stack name, e.g. `UserManagementSandbox-UsersAPI`. */
  readonly stackName: string;
  readonly template: Template;
  /** The account and region the stack is bound to, or undefined for an environment-agnostic one. */
  readonly account?: string;
  readonly region?: string;
  /** The staged directory (or file) of the asset a template names by its S3 object key, e.g. `<hash>.zip`. */
  assetPath(objectKey: string): string | undefined;
}

interface ManifestArtifact {
  readonly type: string;
  readonly environment?: string;
  readonly dependencies?: readonly string[];
  readonly displayName?: string;
  readonly properties?: {
    readonly templateFile?: string;
    readonly stackName?: string;
    readonly file?: string;
  };
}

interface AssetManifest {
  readonly files?: Record<
    string,
    {
      readonly source: { readonly path?: string };
      readonly destinations: Record<string, { readonly objectKey: string }>;
    }
  >;
}

const UNKNOWN = /^unknown-(account|region)$/;

/** The assembly's stacks (not those of nested assemblies), each after the stacks it depends on. */
export function readCloudAssembly(directory: string): AssemblyStack[] {
  const { artifacts } = JSON.parse(readFileSync(join(directory, "manifest.json"), "utf8")) as {
    artifacts: Record<string, ManifestArtifact>;
  };
  const assetPaths = new Map<string, string>();
  for (const artifact of Object.values(artifacts)) {
    if (artifact.type !== "cdk:asset-manifest" || !artifact.properties?.file) continue;
    const manifest = JSON.parse(
      readFileSync(join(directory, artifact.properties.file), "utf8"),
    ) as AssetManifest;
    for (const { source, destinations } of Object.values(manifest.files ?? {})) {
      if (!source.path) continue;
      const path = isAbsolute(source.path) ? source.path : join(directory, source.path);
      for (const { objectKey } of Object.values(destinations)) assetPaths.set(objectKey, path);
    }
  }
  const stacks = new Map<string, AssemblyStack & { dependencies: readonly string[] }>();
  for (const [id, artifact] of Object.entries(artifacts)) {
    if (artifact.type !== "aws:cloudformation:stack" || !artifact.properties?.templateFile) continue;
    const [, account, region] = /^aws:\/\/([^/]+)\/(.+)$/.exec(artifact.environment ?? "") ?? [];
    stacks.set(id, {
      stackName: artifact.properties.stackName ?? artifact.displayName ?? id,
      template: JSON.parse(readFileSync(join(directory, artifact.properties.templateFile), "utf8")),
      account: account && !UNKNOWN.test(account) ? account : undefined,
      region: region && !UNKNOWN.test(region) ? region : undefined,
      assetPath: (objectKey) => assetPaths.get(objectKey),
      dependencies: artifact.dependencies ?? [],
    });
  }
  return inDependencyOrder(stacks);
}

function inDependencyOrder<T extends { dependencies: readonly string[] }>(stacks: Map<string, T>): T[] {
  const ordered: T[] = [];
  const visit = (id: string, path: readonly string[]) => {
    const stack = stacks.get(id);
    if (!stack || ordered.includes(stack)) return;
    if (path.includes(id)) throw new Error(`The assembly's stacks depend on each other: ${[...path, id]}`);
    for (const dependency of stack.dependencies) visit(dependency, [...path, id]);
    ordered.push(stack);
  };
  for (const id of stacks.keys()) visit(id, []);
  return ordered;
}
