// Keeps a consumer stack in step with a weak cross-stack reference (Fn::GetStackOutput). CloudFormation reads such
// a value only when the consumer's stack is deployed, and a deployment whose template did not change does nothing:
// replace the producer's resource (say the HTTP API, whose URL is in the UI's CloudFront origin) and the consumer
// keeps the old value. A fingerprint of the producing resource, written into a property of the consumer, changes
// the consumer's template whenever the producer's resource could have a new identity, so the next
// `cdk deploy --all` (or the pipeline) updates the consumer too and re-reads the value.
import { createHash } from "node:crypto";
import { type CfnResource, Lazy, Stack } from "aws-cdk-lib";

/**
 * 16 hex digits of SHA-256 over the resource's CloudFormation, logical id included: a new logical id or any
 * property change (replacing ones among them) gives a new fingerprint. Computed when the consuming template is
 * written, after every construct has set its properties; synthesis stays deterministic.
 */
export function resourceFingerprint(resource: CfnResource): string {
  return Lazy.string({
    produce: () =>
      createHash("sha256")
        .update(JSON.stringify(Stack.of(resource).resolve(resource._toCloudFormation())))
        .digest("hex")
        .slice(0, 16),
  });
}
