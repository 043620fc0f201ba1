// What the sandbox knows of an IAM role: its ARN and the identity-based policies attached to it, as the
// templates declare them (an AWS::IAM::Role's inline `Policies` and each AWS::IAM::Policy naming it in `Roles`).

/** One statement of an IAM policy, in the JSON grammar IAM reads. */
export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect: "Allow" | "Deny";
  readonly Action?: string | readonly string[];
  readonly NotAction?: string | readonly string[];
  readonly Resource?: string | readonly string[];
  readonly NotResource?: string | readonly string[];
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, string | readonly string[]>>>>;
}

/** An identity-based policy document with its intrinsics resolved, e.g. an AWS::IAM::Policy's `PolicyDocument`. */
export interface PolicyDocument {
  readonly Version?: string;
  readonly Statement: PolicyStatement | readonly PolicyStatement[];
}

/** A Lambda function's execution role. */
export interface ExecutionRole {
  /** e.g. `arn:aws:iam::000000000000:role/UsersApiFunctionRole`; its last segment names the role in denials. */
  readonly arn: string;
  /** Every identity-based policy attached to the role; nothing else is allowed. */
  readonly policies: readonly PolicyDocument[];
}

/** Temporary credentials as STS hands them to an assumed role (and Lambda to a function's environment). */
export interface RoleCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
}
