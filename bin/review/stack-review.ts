// What one stack would change, read from its base and head snapshots: CloudFormation's view of the template diff
// (`@aws-cdk/cloudformation-diff`, what `cdk diff` prints), sorted into what a reviewer must not miss.
import { createRequire } from "node:module";
import { Writable } from "node:stream";
import { stripVTControlCharacters } from "node:util";
import {
  Formatter,
  formatDifferences,
  fullDiff,
  type ResourceDifference,
  ResourceImpact,
  type TemplateDiff,
} from "@aws-cdk/cloudformation-diff";
import type { Acknowledgement, StackSnapshot, StagedAsset, Template } from "../cloud-assembly";
import { consequence, DEFAULT_POLICY, dataHeldBy, type Impact } from "./data-resources";

// The library colours its tables with chalk and sorts rows on the coloured text: without colour, the same diff
// prints the same text on a terminal and in CI.
const diffLibrary = createRequire(import.meta.url).resolve("@aws-cdk/cloudformation-diff");
createRequire(diffLibrary)("chalk").level = 0;

export interface StackReview {
  readonly id: string;
  /** Whether the stack is in both synths, or new, or gone from the app. */
  readonly presence: "both" | "added" | "removed";
  readonly isEmpty: boolean;
  readonly counts: { readonly added: number; readonly changed: number; readonly removed: number };
  /** When every difference is a new version of a staged asset (new code, new site files): their names. */
  readonly assetsOnly?: readonly string[];
  readonly resources: readonly ResourceCallout[];
  readonly security?: SecurityChanges;
  readonly acknowledgements: AcknowledgementChanges;
  readonly assetSizes: readonly AssetSizeChange[];
  /** Logical ids of the resources that would be replaced: outputs naming them change value. */
  readonly replacedLogicalIds: readonly string[];
  /** The `cdk diff` text of the stack. */
  readonly details: string;
}

/** A resource that would be replaced or deleted. */
export interface ResourceCallout {
  readonly stack: string;
  readonly path: string;
  readonly type: string;
  readonly impact: Impact;
  /** The properties whose change forces the replacement. */
  readonly causes: readonly string[];
  /** What it holds that a redeployment cannot bring back. */
  readonly data?: string;
  readonly deletionPolicy: string;
  readonly updateReplacePolicy: string;
  readonly consequence: string;
}

export interface SecurityChanges {
  /** Statements or rules were added (or denials removed): `cdk deploy --require-approval broadening` would ask. */
  readonly broadened: boolean;
  readonly tables: readonly { readonly title: string; readonly rows: readonly string[][] }[];
}

export interface AcknowledgementChanges {
  readonly added: readonly Acknowledgement[];
  readonly removed: readonly Acknowledgement[];
  readonly reworded: readonly (Acknowledgement & { readonly before: string })[];
}

export interface AssetSizeChange {
  readonly name: string;
  readonly before?: number;
  readonly after?: number;
}

const EMPTY_TEMPLATE: Template = {};

/** The identifiers of assets whose content changed (hashes, destination ids): the asset's name and the new one. */
export type ChangedAssets = ReadonlyMap<string, { readonly name: string; readonly replacement: string }>;

/**
 * @param changedAssets every asset of the app whose content changed (a pipeline stack names the hashes of the
 * assets it publishes for other stacks)
 */
export function reviewStack(
  base: StackSnapshot | undefined,
  head: StackSnapshot | undefined,
  changedAssets: ChangedAssets,
): StackReview {
  const id = (head ?? base)?.id ?? "";
  const before = base?.template ?? EMPTY_TEMPLATE;
  const after = head?.template ?? EMPTY_TEMPLATE;
  const diff = withoutCdkMetadata(fullDiff(before, after));
  const paths = constructPaths(id, before, after);
  const resources = Object.entries(diff.resources.changes).filter(([, change]) => change?.isDifferent);
  return {
    id,
    presence: base && head ? "both" : head ? "added" : "removed",
    isEmpty: diff.isEmpty,
    counts: {
      added: resources.filter(([, change]) => change.isAddition).length,
      changed: resources.filter(([, change]) => change.isUpdate).length,
      removed: resources.filter(([, change]) => change.isRemoval).length,
    },
    assetsOnly: diff.isEmpty ? undefined : assetsOnly(before, after, changedAssets),
    resources: resources
      .map(([logicalId, change]) => resourceCallout(id, paths.shortPath(logicalId), change))
      .filter((callout): callout is ResourceCallout => callout !== undefined),
    security: securityChanges(diff, paths.map),
    acknowledgements: acknowledgementChanges(base?.acknowledgements ?? [], head?.acknowledgements ?? []),
    assetSizes: assetSizeChanges(base?.assets ?? [], head?.assets ?? []),
    replacedLogicalIds: resources
      .filter(([, change]) => isReplacement(change.changeImpact))
      .map(([logicalId]) => logicalId),
    details: diff.isEmpty ? "" : formatted(diff, paths.map),
  };
}

/** What `cdk diff` hides unless `--strict`: the CDK analytics resource and the bootstrap version rule. */
function withoutCdkMetadata(diff: TemplateDiff): TemplateDiff {
  diff.resources = diff.resources.filter(
    (change) =>
      change?.oldResourceType !== "AWS::CDK::Metadata" && change?.newResourceType !== "AWS::CDK::Metadata",
  );
  diff.unknown = diff.unknown.filter(
    (change) => !change?.oldValue?.CheckBootstrapVersion && !change?.newValue?.CheckBootstrapVersion,
  );
  return diff;
}

/**
 * Construct paths by logical id, from the templates' `aws:cdk:path` metadata, relative to the stack. The map is
 * in the form the library's formatter expects (`<stack>/<path>`: it drops the first segment and `/Resource`).
 */
function constructPaths(stackId: string, ...templates: Template[]) {
  const map: Record<string, string> = {};
  for (const template of templates) {
    for (const [logicalId, resource] of Object.entries<Template>(template.Resources ?? {})) {
      const path: string | undefined = resource.Metadata?.["aws:cdk:path"];
      if (path)
        map[logicalId] = `stack/${path.startsWith(`${stackId}/`) ? path.slice(stackId.length + 1) : path}`;
    }
  }
  const shortPath = (logicalId: string) =>
    map[logicalId]?.replace(/^stack\//, "").replace(/\/(Resource|Default)$/, "") ?? logicalId;
  return { map, shortPath };
}

const isReplacement = (impact: ResourceImpact) =>
  impact === ResourceImpact.WILL_REPLACE || impact === ResourceImpact.MAY_REPLACE;

const IMPACTS: Partial<Record<ResourceImpact, Impact>> = {
  [ResourceImpact.WILL_REPLACE]: "replaced",
  [ResourceImpact.MAY_REPLACE]: "may be replaced",
  [ResourceImpact.WILL_DESTROY]: "deleted",
  [ResourceImpact.WILL_ORPHAN]: "removed, kept in the account",
};

function resourceCallout(
  stack: string,
  path: string,
  change: ResourceDifference,
): ResourceCallout | undefined {
  const impact = IMPACTS[change.changeImpact];
  if (!impact) return undefined;
  const resource = (change.isRemoval ? change.oldValue : change.newValue) ?? { Type: "" };
  const type = resource.Type;
  const data = dataHeldBy(type);
  const deletionPolicy = resource.DeletionPolicy ?? DEFAULT_POLICY;
  const updateReplacePolicy = resource.UpdateReplacePolicy ?? DEFAULT_POLICY;
  const replaced = impact === "replaced" || impact === "may be replaced";
  return {
    stack,
    path,
    type,
    impact,
    causes: change.resourceTypeChanged
      ? ["Type"]
      : Object.entries(change.propertyUpdates)
          .filter(([, property]) => property.changeImpact && isReplacement(property.changeImpact))
          .map(([name]) => name)
          .sort(),
    data,
    deletionPolicy,
    updateReplacePolicy,
    consequence: consequence(impact, replaced ? updateReplacePolicy : deletionPolicy, data),
  };
}

function securityChanges(diff: TemplateDiff, paths: Record<string, string>): SecurityChanges | undefined {
  if (!diff.permissionsAnyChanges) return undefined;
  const formatter = new Formatter(new TextStream(), paths, diff);
  const table = (title: string, rows: string[][]) => ({
    title,
    rows: formatter.deepSubstituteBracedLogicalIds(rows).map((row) => row.map(stripVTControlCharacters)),
  });
  const { iamChanges, securityGroupChanges } = diff;
  return {
    broadened: diff.permissionsBroadened,
    tables: [
      ...(iamChanges.statements.hasChanges
        ? [table("IAM statements", iamChanges.summarizeStatements())]
        : []),
      ...(iamChanges.managedPolicies.hasChanges
        ? [table("IAM managed policies", iamChanges.summarizeManagedPolicies())]
        : []),
      ...(securityGroupChanges.hasChanges
        ? [table("Security group rules", securityGroupChanges.summarize())]
        : []),
    ],
  };
}

function acknowledgementChanges(
  before: readonly Acknowledgement[],
  after: readonly Acknowledgement[],
): AcknowledgementChanges {
  const key = (acknowledgement: Acknowledgement) => `${acknowledgement.path}\u0000${acknowledgement.rule}`;
  const old = new Map(before.map((acknowledgement) => [key(acknowledgement), acknowledgement]));
  const now = new Map(after.map((acknowledgement) => [key(acknowledgement), acknowledgement]));
  const sorted = <T extends Acknowledgement>(list: T[]) => list.sort((a, b) => compare(key(a), key(b)));
  return {
    added: sorted(after.filter((acknowledgement) => !old.has(key(acknowledgement)))),
    removed: sorted(before.filter((acknowledgement) => !now.has(key(acknowledgement)))),
    reworded: sorted(
      after.flatMap((acknowledgement) => {
        const previous = old.get(key(acknowledgement));
        return previous && previous.reason !== acknowledgement.reason
          ? [{ ...acknowledgement, before: previous.reason }]
          : [];
      }),
    ),
  };
}

/** By name; an asset that only moved (a new name, the same content) is not a change. */
function assetSizeChanges(before: readonly StagedAsset[], after: readonly StagedAsset[]): AssetSizeChange[] {
  const moved = (asset: StagedAsset, others: readonly StagedAsset[]) =>
    others.some((other) => other.hash === asset.hash && other.name !== asset.name);
  const names = [
    ...new Set([
      ...before.filter((asset) => !moved(asset, after)).map((asset) => asset.name),
      ...after.filter((asset) => !moved(asset, before)).map((asset) => asset.name),
    ]),
  ].sort(compare);
  return names
    .map((name) => ({
      name,
      before: before.find((asset) => asset.name === name)?.bytes,
      after: after.find((asset) => asset.name === name)?.bytes,
    }))
    .filter((change) => change.before !== change.after);
}

/** The names of the assets whose new hashes account for every difference, if they do. */
function assetsOnly(before: Template, after: Template, changedAssets: ChangedAssets) {
  let text = JSON.stringify(before);
  const names = new Set<string>();
  for (const [old, asset] of changedAssets) {
    if (!text.includes(old)) continue;
    text = text.replaceAll(old, asset.replacement);
    names.add(asset.name);
  }
  return names.size > 0 && text === JSON.stringify(after) ? [...names].sort(compare) : undefined;
}

function formatted(diff: TemplateDiff, paths: Record<string, string>): string {
  const stream = new TextStream();
  formatDifferences(stream, diff, paths);
  return stripVTControlCharacters(stream.text).trimEnd();
}

/** A stream the formatter writes to, collecting the text. */
class TextStream extends Writable {
  text = "";
  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

export const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
