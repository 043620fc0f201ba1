// The parts of a CloudFormation template the sandbox reads ("Template anatomy", CloudFormation User Guide).

export interface TemplateResource {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
  readonly Condition?: string;
  readonly Metadata?: Record<string, unknown>;
}

export interface Template {
  readonly Parameters?: Record<string, { readonly Default?: unknown }>;
  readonly Mappings?: Record<string, unknown>;
  readonly Conditions?: Record<string, unknown>;
  readonly Resources: Record<string, TemplateResource>;
  readonly Outputs?: Record<
    string,
    { readonly Value: unknown; readonly Export?: { readonly Name: unknown } }
  >;
}

/** Where CDK records the construct path a resource came from, e.g. `Stack/API/Function/Resource`. */
export const CDK_PATH_METADATA = "aws:cdk:path";
