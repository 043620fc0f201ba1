// A review of the whole app: every stack of the base synth beside the same stack of the head synth.
import type { StackSnapshot } from "../cloud-assembly";
import { consumedOutputCallouts, type OutputCallout } from "./consumed-outputs";
import { type ChangedAssets, reviewStack, type StackReview } from "./stack-review";

export interface Review {
  /** The head's stacks in assembly order, then those only the base has. */
  readonly stacks: readonly StackReview[];
  readonly outputs: readonly OutputCallout[];
}

export function reviewChanges(base: readonly StackSnapshot[], head: readonly StackSnapshot[]): Review {
  const changedAssets = assetChanges(base, head);
  const stacks = [
    ...head.map((stack) =>
      reviewStack(
        base.find((old) => old.id === stack.id),
        stack,
        changedAssets,
      ),
    ),
    ...base
      .filter((stack) => !head.some((now) => now.id === stack.id))
      .map((stack) => reviewStack(stack, undefined, changedAssets)),
  ];
  return { stacks, outputs: consumedOutputCallouts(base, head, stacks) };
}

/**
 * The identifiers of the assets whose content differs between the synths, old → new: the hash, and the ids of
 * its destinations, which digest the object key and so the hash (a pipeline's publishing steps name both).
 */
function assetChanges(base: readonly StackSnapshot[], head: readonly StackSnapshot[]): ChangedAssets {
  const changed = new Map<string, { name: string; replacement: string }>();
  for (const stack of head) {
    const old = base.find((candidate) => candidate.id === stack.id);
    for (const asset of stack.assets) {
      const previous = old?.assets.find((candidate) => candidate.name === asset.name);
      if (!previous || previous.hash === asset.hash) continue;
      changed.set(previous.hash, { name: asset.name, replacement: asset.hash });
      for (const destination of previous.destinations) {
        const now = asset.destinations.find((id) => environmentOf(id) === environmentOf(destination));
        if (now) changed.set(destination, { name: asset.name, replacement: now });
      }
    }
  }
  return changed;
}

/** `222222222222-eu-west-1-7fe193fa` → `222222222222-eu-west-1` */
const environmentOf = (destinationId: string) => destinationId.replace(/-[^-]*$/, "");

/** What `--fail-on` can gate on. */
export const GATES = ["replacement", "security", "any"] as const;
export type Gate = (typeof GATES)[number];

/** Why the review fails the given gates: one line per gate that trips. */
export function gateFailures(review: Review, gates: readonly Gate[]): string[] {
  const count = (predicate: (stack: StackReview) => number) =>
    review.stacks.reduce((total, stack) => total + predicate(stack), 0);
  const checks: Record<Gate, () => string | undefined> = {
    replacement: () => {
      const resources = count((stack) => stack.resources.length);
      return resources ? `${resources} resource(s) would be replaced or deleted` : undefined;
    },
    security: () => {
      const stacks = count((stack) => (stack.security ? 1 : 0));
      return stacks ? `${stacks} stack(s) change IAM permissions or security group rules` : undefined;
    },
    any: () => {
      const stacks = count((stack) => (stack.isEmpty ? 0 : 1));
      return stacks ? `${stacks} stack(s) would change` : undefined;
    },
  };
  return gates.flatMap((gate) => checks[gate]() ?? []);
}
