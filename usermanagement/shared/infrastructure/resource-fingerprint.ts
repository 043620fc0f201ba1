// Keeps a consumer stack in step with a weak cross-stack reference (Fn::GetStackOutput). CloudFormation reads such
// a value only when the consumer's stack is deployed, and a deployment whose template did not change does nothing:
// replace the producer's resource (say the HTTP API, whose URL is in the UI's CloudFront origin) and the consumer
// keeps the old value. A fingerprint of the producing resources, written into a property of the consumer, changes
// the consumer's template whenever a producing resource could have a new identity, so the next
// `cdk deploy --all` (or the pipeline) updates the consumer too and re-reads the value.
import { createHash } from "node:crypto";
import { CfnResource, Lazy, Stack } from "aws-cdk-lib";

/**
 * 16 hex digits of SHA-256 over the CloudFormation of `resources` and of every resource of their stack they
 * reference (`Ref`, `Fn::GetAtt`, `Fn::Sub`), transitively, logical ids included. A resource is replaced when its
 * logical id changes, when a property that requires replacement changes, or when a resource it names is
 * replaced (a new user pool gives its client a new `UserPoolId`, which replaces the client too): each of these
 * changes what is hashed here. The `Ref` token itself would not, as it stays `{ Ref: <id> }` across a
 * replacement; hence the closure. Computed when the consuming template is written, after every construct has
 * set its properties; synthesis stays deterministic.
 */
export function resourceFingerprint(...resources: CfnResource[]): string {
  return Lazy.string({
    produce: () => {
      const stack = Stack.of(resources[0]);
      const byLogicalId = new Map(
        stack.node
          .findAll()
          .filter((construct): construct is CfnResource => CfnResource.isCfnResource(construct))
          .map((resource) => [stack.resolve(resource.logicalId) as string, resource]),
      );
      const hash = createHash("sha256");
      const seen = new Set<string>();
      const pending = [...resources];
      for (let resource = pending.shift(); resource; resource = pending.shift()) {
        const template = stack.resolve(resource._toCloudFormation()) as {
          Resources: Record<string, unknown>;
        };
        for (const [logicalId, definition] of Object.entries(template.Resources)) {
          if (seen.has(logicalId)) continue;
          seen.add(logicalId);
          hash.update(JSON.stringify({ [logicalId]: definition }));
          for (const referenced of referencedLogicalIds(definition)) {
            const next = byLogicalId.get(referenced);
            if (next && !seen.has(referenced)) pending.push(next);
          }
        }
      }
      return hash.digest("hex").slice(0, 16);
    },
  });
}

/** The logical ids a resolved CloudFormation fragment names, in `Ref`, `Fn::GetAtt` and `Fn::Sub`'s `${…}`. */
function referencedLogicalIds(fragment: unknown): string[] {
  if (Array.isArray(fragment)) return fragment.flatMap(referencedLogicalIds);
  if (fragment === null || typeof fragment !== "object") return [];
  const ids: string[] = [];
  for (const [key, value] of Object.entries(fragment)) {
    if (key === "Ref" && typeof value === "string") ids.push(value);
    else if (key === "Fn::GetAtt" && Array.isArray(value) && typeof value[0] === "string") ids.push(value[0]);
    else if (key === "Fn::Sub") {
      const text = Array.isArray(value) ? value[0] : value;
      if (typeof text === "string") {
        for (const [, name] of text.matchAll(/\$\{([^!}.][^}.]*)(?:\.[^}]*)?\}/g)) ids.push(name);
      }
      if (Array.isArray(value)) ids.push(...referencedLogicalIds(value[1]));
    } else ids.push(...referencedLogicalIds(value));
  }
  return ids;
}
