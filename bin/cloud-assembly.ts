// Reads a synthesized cloud assembly (`cdk.out`): its stacks, nested stages included, with what a review of them
// needs — the template, the cdk-nag acknowledgements recorded in the metadata, and the staged assets' sizes.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

// biome-ignore lint/suspicious/noExplicitAny: a CloudFormation template is any JSON
export type Template = Record<string, any>;

/** One stack of an assembly, read whole: plain data, so a review can be computed and tested without files. */
export interface StackSnapshot {
  /** The hierarchical id (`Toolchain/UserManagementToolchain/Production/UserManagementProduction-UsersAPI`). */
  readonly id: string;
  readonly stackName: string;
  /** The artifact id in the manifest: CDK Pipelines names a deploy action's variable namespace after it. */
  readonly artifactId: string;
  readonly template: Template;
  readonly acknowledgements: readonly Acknowledgement[];
  readonly assets: readonly StagedAsset[];
}

/** A finding acknowledged with `Validations.of(scope).acknowledge()`, as the assembly's metadata records it. */
export interface Acknowledgement {
  /** The construct path, relative to the stack. */
  readonly path: string;
  readonly rule: string;
  readonly reason: string;
}

/** A file asset the stack publishes (a Lambda bundle, the site's files), as staged in the assembly. */
export interface StagedAsset {
  readonly name: string;
  readonly hash: string;
  /** Where it is published, by destination id (`<account>-<region>-<digest of the destination>`). */
  readonly destinations: readonly string[];
  /** Bytes on disk: the file, or every file of the directory that is zipped at publishing. */
  readonly bytes: number;
}

interface ArtifactManifest {
  type: string;
  displayName?: string;
  properties?: { templateFile?: string; directoryName?: string; stackName?: string; file?: string };
  dependencies?: string[];
  metadata?: Record<string, MetadataEntry[]>;
  additionalMetadataFile?: string;
}

interface MetadataEntry {
  type: string;
  data?: unknown;
}

interface AssetManifest {
  files?: Record<string, { displayName?: string; source: { path?: string }; destinations?: object }>;
}

const ACKNOWLEDGED_RULES = "aws:cdk:acknowledged-rules";

const readJson = (file: string) => JSON.parse(readFileSync(file, "utf8"));

/** The artifacts of one assembly directory, in manifest order. */
function artifacts(assemblyDir: string): [string, ArtifactManifest][] {
  return Object.entries(readJson(join(assemblyDir, "manifest.json")).artifacts ?? {});
}

/** The template file of `stack` (by stack name, hierarchical id or artifact id), in nested assemblies too. */
export function findTemplate(assemblyDir: string, stack: string): string | undefined {
  for (const [id, artifact] of artifacts(assemblyDir)) {
    const { properties } = artifact;
    const names = [properties?.stackName, artifact.displayName, id];
    if (artifact.type === "aws:cloudformation:stack" && names.includes(stack)) {
      return join(assemblyDir, properties?.templateFile ?? "");
    }
    if (artifact.type === "cdk:cloud-assembly" && properties?.directoryName) {
      const nested = findTemplate(join(assemblyDir, properties.directoryName), stack);
      if (nested) return nested;
    }
  }
  return undefined;
}

/** Every stack of the assembly: the top level's first, then each nested assembly's (a stage's), recursively. */
export function readStacks(assemblyDir: string): StackSnapshot[] {
  const entries = artifacts(assemblyDir);
  const stacks = entries
    .filter(([, artifact]) => artifact.type === "aws:cloudformation:stack")
    .map(([artifactId, artifact]) => readStack(assemblyDir, artifactId, artifact, entries));
  const nested = entries
    .filter(([, artifact]) => artifact.type === "cdk:cloud-assembly" && artifact.properties?.directoryName)
    .flatMap(([, artifact]) => readStacks(join(assemblyDir, artifact.properties?.directoryName ?? "")));
  return [...stacks, ...nested];
}

function readStack(
  assemblyDir: string,
  artifactId: string,
  artifact: ArtifactManifest,
  entries: [string, ArtifactManifest][],
): StackSnapshot {
  const id = artifact.displayName ?? artifactId;
  const metadata: Record<string, MetadataEntry[]> = artifact.additionalMetadataFile
    ? readJson(join(assemblyDir, artifact.additionalMetadataFile))
    : (artifact.metadata ?? {});
  const assetManifests = (artifact.dependencies ?? [])
    .map((dependency) => entries.find(([artifactId]) => artifactId === dependency)?.[1])
    .filter((dependency) => dependency?.type === "cdk:asset-manifest" && dependency.properties?.file)
    .map((dependency) => join(assemblyDir, dependency?.properties?.file ?? ""));
  const templateFile = artifact.properties?.templateFile ?? "";
  return {
    id,
    stackName: artifact.properties?.stackName ?? id,
    artifactId,
    template: readJson(join(assemblyDir, templateFile)),
    acknowledgements: acknowledgements(metadata, id),
    assets: assetManifests.flatMap((file) => stagedAssets(assemblyDir, file, templateFile)),
  };
}

function acknowledgements(metadata: Record<string, MetadataEntry[]>, stackId: string): Acknowledgement[] {
  return Object.entries(metadata).flatMap(([path, entries]) =>
    entries
      .filter((entry) => entry.type === ACKNOWLEDGED_RULES)
      .flatMap((entry) =>
        Object.entries(entry.data as Record<string, string>).map(([rule, reason]) => ({
          path: relativePath(path, stackId),
          rule: rule.replace(/^Annotation::/, ""),
          reason,
        })),
      ),
  );
}

/** `/Stage/Stack/Unit/Resource` → `Unit/Resource`; the stack itself → `(stack)`. */
function relativePath(path: string, stackId: string): string {
  const prefix = `/${stackId}`;
  if (path === prefix) return "(stack)";
  return path.startsWith(`${prefix}/`) ? path.slice(prefix.length + 1) : path.replace(/^\//, "");
}

/** The stack's file assets but its own template, which is not something a reviewer weighs. */
function stagedAssets(assemblyDir: string, manifestFile: string, templateFile: string): StagedAsset[] {
  const manifest: AssetManifest = readJson(manifestFile);
  return Object.entries(manifest.files ?? {})
    .filter(([, asset]) => asset.source.path && asset.source.path !== templateFile)
    .map(([hash, asset]) => ({
      name: asset.displayName ?? hash,
      hash,
      destinations: Object.keys(asset.destinations ?? {}),
      bytes: bytesOnDisk(join(assemblyDir, asset.source.path ?? "")),
    }));
}

function bytesOnDisk(path: string): number {
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.size;
  return readdirSync(path).reduce((total, entry) => total + bytesOnDisk(join(path, entry)), 0);
}
