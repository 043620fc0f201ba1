// Evaluates a template's intrinsic functions as CloudFormation does when it creates the stack ("Intrinsic
// function reference"), with cfn-resolver-lib doing Ref, Fn::GetAtt, Fn::Join, Fn::Select, Fn::Split, Fn::Sub,
// Fn::FindInMap, Fn::ImportValue, conditions and Fn::If. Three things it lacks are done here, before it runs:
// `Fn::GetStackOutput` (the weak cross-stack references CDK writes) becomes the producer's output value;
// `Fn::Sub` gets an explicit variable for each `${Name}` it names (the library substitutes only those, and
// its one-string form only Refs); `AWS::NoValue` removes the property it stands for, afterwards.
import NodeEvaluator from "cfn-resolver-lib";
import type { Template } from "./template";

export interface Resolvers {
  /** What `Ref` returns: a physical id by logical id, and the pseudo parameters (`AWS::Region`…). */
  readonly refs: Readonly<Record<string, unknown>>;
  /** What `Fn::GetAtt` returns; undefined for an attribute the sandbox does not know. */
  attribute(logicalId: string, name: string): unknown;
  /** An output of a stack deployed before, for `Fn::GetStackOutput`. */
  stackOutput(stackName: string, outputName: string): unknown;
  /** Values exported by stacks deployed before, by export name, for `Fn::ImportValue`. */
  readonly exports: Readonly<Record<string, unknown>>;
}

export interface ResolvedTemplate {
  readonly Resources: Record<
    string,
    { Type: string; Properties?: Record<string, unknown>; Condition?: unknown }
  >;
  readonly Outputs?: Record<string, { Value: unknown; Export?: { Name: unknown }; Condition?: unknown }>;
}

/**
 * Keeps an object whose one property holds a list from being replaced by that list: cfn-resolver-lib takes any
 * one-property object whose value evaluates to a list for an intrinsic function (`{ Items: [...] }` would come
 * out as `[...]`), so such objects get this second property while they are evaluated.
 */
const KEEP = "\u0000keep";

/** Marks a value the sandbox could not resolve; `unresolvedIn` finds it in whatever the sandbox runs. */
const UNRESOLVED = "<<unresolved ";
const NO_VALUE = Symbol("AWS::NoValue");

export function resolveTemplate(template: Template, resolvers: Resolvers): ResolvedTemplate {
  const prepared = prepare(
    {
      Parameters: template.Parameters ?? {},
      Mappings: template.Mappings ?? {},
      Conditions: template.Conditions ?? {},
      // cfn-resolver-lib cannot read an empty `Properties` when it resolves an ARN; no properties is the same.
      Resources: Object.fromEntries(
        Object.entries(template.Resources).map(([logicalId, { Properties, ...resource }]) => [
          logicalId,
          Properties && Object.keys(Properties).length > 0 ? { ...resource, Properties } : resource,
        ]),
      ),
      Outputs: template.Outputs ?? {},
    },
    resolvers,
  );
  const attributes = new Proxy(
    {},
    {
      get: (_, logicalId: string) =>
        new Proxy(
          {},
          {
            get: (__, name: string) =>
              resolvers.attribute(logicalId, name) ?? `${UNRESOLVED}Fn::GetAtt ${logicalId}.${name}>>`,
          },
        ),
    },
  );
  const evaluated = new NodeEvaluator(prepared as object, {
    RefResolvers: { ...resolvers.refs, "AWS::NoValue": NO_VALUE },
    "Fn::GetAttResolvers": attributes,
    "Fn::ImportValueResolvers": { ...resolvers.exports },
  }).evaluateNodes();
  return withoutNoValue(evaluated) as unknown as ResolvedTemplate;
}

/** Every intrinsic function left in `value` (unsupported, or naming what the sandbox does not know). */
export function unresolvedIn(value: unknown, path = ""): string[] {
  if (typeof value === "string") return value.includes(UNRESOLVED) ? [`${path}: ${value}`] : [];
  if (Array.isArray(value)) return value.flatMap((item, index) => unresolvedIn(item, `${path}[${index}]`));
  if (value && typeof value === "object") {
    return Object.entries(value).flatMap(([key, item]) =>
      key === "Ref" || key.startsWith("Fn::") ? [`${path}: ${key}`] : unresolvedIn(item, `${path}.${key}`),
    );
  }
  return [];
}

function prepare(node: unknown, resolvers: Resolvers): unknown {
  if (Array.isArray(node)) return node.map((item) => prepare(item, resolvers));
  if (!node || typeof node !== "object") return node;
  const entries = Object.entries(node);
  if (entries.length === 1) {
    const [[name, argument]] = entries;
    if (name === "Fn::GetStackOutput") return stackOutput(argument, resolvers);
    if (name === "Fn::Sub") return { "Fn::Sub": explicitSub(prepare(argument, resolvers)) };
    if (Array.isArray(argument) && !isIntrinsic(name))
      return { [name]: prepare(argument, resolvers), [KEEP]: true };
  }
  return Object.fromEntries(entries.map(([key, value]) => [key, prepare(value, resolvers)]));
}

/** `{ StackName, OutputName }` ("Fn::GetStackOutput", CloudFormation User Guide): the producer's output. */
function stackOutput(argument: unknown, resolvers: Resolvers): unknown {
  const { StackName, OutputName } = (argument ?? {}) as { StackName?: unknown; OutputName?: unknown };
  if (typeof StackName !== "string" || typeof OutputName !== "string") {
    return `${UNRESOLVED}Fn::GetStackOutput ${JSON.stringify(argument)}>>`;
  }
  return (
    resolvers.stackOutput(StackName, OutputName) ??
    `${UNRESOLVED}Fn::GetStackOutput ${StackName}.${OutputName}>>`
  );
}

/**
 * Both forms of Fn::Sub as `[string, variables]`, with a variable for each `${Name}` the string names and the
 * variables leave out: `${AWS::Region}` and `${LogicalId}` a Ref, `${LogicalId.Attribute}` a Fn::GetAtt, and
 * `${!Literal}` the literal `${Literal}` CloudFormation writes for it.
 */
function explicitSub(argument: unknown): unknown {
  const [text, given = {}] = Array.isArray(argument) ? argument : [argument, {}];
  if (typeof text !== "string") return argument;
  const variables: Record<string, unknown> = { ...(given as Record<string, unknown>) };
  for (const [, name] of text.matchAll(/\$\{([^}]+)\}/g)) {
    if (name in variables) continue;
    if (name.startsWith("!")) variables[name] = `\${${name.slice(1)}}`;
    else if (name.includes(".") && !name.startsWith("AWS::")) {
      const at = name.indexOf(".");
      variables[name] = { "Fn::GetAtt": [name.slice(0, at), name.slice(at + 1)] };
    } else variables[name] = { Ref: name };
  }
  return [text, variables];
}

const isIntrinsic = (key: string) => key === "Ref" || key === "Condition" || key.startsWith("Fn::");

/** `value` without what `AWS::NoValue` stood for, and without the `KEEP` marks. */
function withoutNoValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((item) => item !== NO_VALUE).map(withoutNoValue);
  if (!value || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key, item]) => item !== NO_VALUE && key !== KEEP)
      .map(([key, item]) => [key, withoutNoValue(item)]),
  );
}
