// Outputs another stack reads, and what a change to them does to the reader. A weak reference
// (`Fn::GetStackOutput`) is resolved when the reader's template is deployed, and not again until that template
// changes; an import (`Fn::ImportValue`) locks the export while imported; a CodePipeline variable
// (`#{namespace.output}`) is read on every run of the pipeline.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-importvalue.html
import type { StackSnapshot, Template } from "../cloud-assembly";
import { compare, type StackReview } from "./stack-review";

export type ReferenceKind = "Fn::GetStackOutput" | "Fn::ImportValue" | "pipeline variable";

interface OutputReference {
  /** The id of the stack that reads the output. */
  readonly consumer: string;
  /** The producer's CloudFormation stack name. */
  readonly producer: string;
  readonly output: string;
  readonly kind: ReferenceKind;
}

export interface OutputCallout {
  /** The producer's stack id. */
  readonly stack: string;
  readonly output: string;
  readonly change: "removed" | "changes value" | "does not exist";
  readonly readers: readonly Reader[];
}

export interface Reader {
  readonly stack: string;
  readonly kind: ReferenceKind;
  readonly note: string;
  /** The reader breaks, or keeps a stale value. */
  readonly warning: boolean;
}

/** Outputs read by another stack that change value, go away, or are read without existing. */
export function consumedOutputCallouts(
  base: readonly StackSnapshot[],
  head: readonly StackSnapshot[],
  reviews: readonly StackReview[],
): OutputCallout[] {
  const before = references(base);
  const after = references(head);
  const review = (id: string) => reviews.find((stackReview) => stackReview.id === id);
  const callouts: OutputCallout[] = [];
  for (const producer of unique([...head, ...base])) {
    const old = base.find((stack) => stack.id === producer.id);
    const now = head.find((stack) => stack.id === producer.id);
    const readersBefore = before.filter((reference) => reference.producer === producer.stackName);
    const readersAfter = after.filter((reference) => reference.producer === producer.stackName);
    const names = [...new Set([...readersBefore, ...readersAfter].map((reference) => reference.output))];
    for (const output of names.sort(compare)) {
      const wasThere = outputOf(old?.template, output) !== undefined;
      const isThere = outputOf(now?.template, output) !== undefined;
      const readBefore = readersBefore.filter((reference) => reference.output === output);
      const readAfter = readersAfter.filter((reference) => reference.output === output);
      if (wasThere && !isThere) {
        callouts.push({
          stack: producer.id,
          output,
          change: "removed",
          readers: removedReaders(readBefore, after),
        });
      } else if (!isThere && now && readAfter.length > 0) {
        const readers = readAfter.map((reference) => ({
          stack: reference.consumer,
          kind: reference.kind,
          note: "reads it: its deployment fails",
          warning: true,
        }));
        callouts.push({ stack: producer.id, output, change: "does not exist", readers });
      } else if (wasThere && changesValue(old?.template, now?.template, output, review(producer.id))) {
        const readers = readAfter.map((reference) => changedReader(reference, review(reference.consumer)));
        callouts.push({ stack: producer.id, output, change: "changes value", readers });
      }
    }
  }
  return callouts;
}

function removedReaders(readBefore: OutputReference[], after: OutputReference[]): Reader[] {
  return readBefore.map((reference) => {
    const stillReads = after.some(
      (now) =>
        now.consumer === reference.consumer &&
        now.producer === reference.producer &&
        now.output === reference.output,
    );
    const newReads = after
      .filter(
        (now) =>
          now.consumer === reference.consumer &&
          now.producer === reference.producer &&
          now.output !== reference.output,
      )
      .map((now) => `\`${now.output}\``);
    const instead = newReads.length
      ? `; it now reads ${[...new Set(newReads)].sort(compare).join(", ")}`
      : "";
    return {
      stack: reference.consumer,
      kind: reference.kind,
      note: stillReads ? "still reads it: its deployment fails" : `read it at the base${instead}`,
      warning: stillReads,
    };
  });
}

function changedReader(reference: OutputReference, consumer: StackReview | undefined): Reader {
  const base = { stack: reference.consumer, kind: reference.kind };
  if (reference.kind === "pipeline variable") {
    return { ...base, note: "reads it on every pipeline run", warning: false };
  }
  if (reference.kind === "Fn::ImportValue") {
    return { ...base, note: "imports it: CloudFormation refuses to change an export in use", warning: true };
  }
  return consumer && !consumer.isEmpty
    ? { ...base, note: "its template changes too, so its deployment reads the new value", warning: false }
    : {
        ...base,
        note: "its template does not change, so it keeps the old value until it is deployed with a change",
        warning: true,
      };
}

/** The output's value changes: its text, or the identity of a resource it names (a replaced resource). */
function changesValue(
  before: Template | undefined,
  after: Template | undefined,
  output: string,
  review?: StackReview,
) {
  const old = outputOf(before, output);
  const now = outputOf(after, output);
  if (JSON.stringify(old?.Value) !== JSON.stringify(now?.Value)) return true;
  const named = JSON.stringify(now?.Value ?? null);
  return (review?.replacedLogicalIds ?? []).some(
    (logicalId) => named.includes(`{"Ref":"${logicalId}"}`) || named.includes(`"Fn::GetAtt":["${logicalId}"`),
  );
}

const outputOf = (template: Template | undefined, name: string) => template?.Outputs?.[name];

const unique = (stacks: StackSnapshot[]) =>
  stacks.filter((stack, index) => stacks.findIndex((other) => other.id === stack.id) === index);

/** Every output reference in the stacks' templates, by the stack that makes it. */
function references(stacks: readonly StackSnapshot[]): OutputReference[] {
  const exports = new Map<string, { producer: string; output: string }>();
  for (const stack of stacks) {
    for (const [output, definition] of Object.entries<Template>(stack.template.Outputs ?? {})) {
      const name = definition.Export?.Name;
      if (typeof name === "string") exports.set(name, { producer: stack.stackName, output });
    }
  }
  return stacks.flatMap((stack) => {
    const found: OutputReference[] = [];
    const consumer = stack.id;
    visit(stack.template, (key, value) => {
      if (key === "Fn::GetStackOutput" && typeof value?.StackName === "string") {
        found.push({
          consumer,
          producer: value.StackName,
          output: value.OutputName,
          kind: "Fn::GetStackOutput",
        });
      }
      const exported =
        key === "Fn::ImportValue" && typeof value === "string" ? exports.get(value) : undefined;
      if (exported) found.push({ consumer, ...exported, kind: "Fn::ImportValue" });
    });
    found.push(...pipelineVariables(stack));
    return found.filter(
      (reference, index) =>
        found.findIndex(
          (other) =>
            other.producer === reference.producer &&
            other.output === reference.output &&
            other.kind === reference.kind,
        ) === index,
    );
  });
}

/**
 * `#{namespace.output}` in a pipeline stack's template, where `namespace` is a CloudFormation deploy action's
 * variable namespace: the outputs of the stack that action deploys.
 */
function pipelineVariables(stack: StackSnapshot): OutputReference[] {
  const namespaces = new Map<string, string>();
  visit(stack.template, (key, value) => {
    if (key !== "Actions" || !Array.isArray(value)) return;
    for (const action of value) {
      const stackName = action?.Configuration?.StackName;
      if (typeof action?.Namespace === "string" && typeof stackName === "string") {
        namespaces.set(action.Namespace, stackName);
      }
    }
  });
  if (namespaces.size === 0) return [];
  const text = JSON.stringify(stack.template);
  return [...text.matchAll(/#\{([\w-]+)\.([\w-]+)\}/g)].flatMap(([, namespace, output]) => {
    const producer = namespaces.get(namespace);
    return producer ? [{ consumer: stack.id, producer, output, kind: "pipeline variable" as const }] : [];
  });
}

// biome-ignore lint/suspicious/noExplicitAny: template JSON
function visit(node: any, found: (key: string, value: any) => void): void {
  if (Array.isArray(node)) {
    for (const item of node) visit(item, found);
  } else if (node && typeof node === "object") {
    for (const [key, value] of Object.entries(node)) {
      found(key, value);
      visit(value, found);
    }
  }
}
