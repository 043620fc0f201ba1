// The part of cfn-resolver-lib's API (CommonJS, untyped) the sandbox uses.
declare module "cfn-resolver-lib" {
  export interface ResolverParameters {
    /** What `Ref` returns, by logical id or pseudo parameter; parameters' defaults are added by the library. */
    readonly RefResolvers?: Record<string, unknown>;
    /** What `Fn::GetAtt` returns, by logical id and attribute name. */
    readonly "Fn::GetAttResolvers"?: Record<string, Record<string, unknown>>;
    /** What `Fn::ImportValue` returns, by export name. */
    readonly "Fn::ImportValueResolvers"?: Record<string, unknown>;
  }

  export default class NodeEvaluator {
    constructor(template: object, parameters?: ResolverParameters);
    /** The template with every intrinsic function it supports evaluated, conditions to booleans. */
    evaluateNodes(): Record<string, unknown>;
  }
}
