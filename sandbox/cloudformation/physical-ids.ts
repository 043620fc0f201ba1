// What CloudFormation gives each resource it creates: a physical id (what `Ref` returns) and the attributes
// `Fn::GetAtt` reads, each in the form the resource type's reference page documents ("Return values"). A
// resource without a name of its own gets one as CloudFormation generates it ("Name type", CloudFormation
// User Guide): `<stack name>-<logical id>-<random suffix>`, the stack name and logical id shortened to fit the
// type's length limit; so a construct that relies on a hard-coded name fails here as it would in AWS.
import { randomBytes, randomUUID } from "node:crypto";

export interface StackEnvironment {
  readonly stackName: string;
  readonly region: string;
  readonly accountId: string;
  readonly partition: string;
  readonly urlSuffix: string;
}

export interface PhysicalResource {
  /** What `Ref` returns. */
  readonly physicalId: string;
  /** What `Fn::GetAtt` returns, or undefined for an attribute the sandbox does not know. */
  attribute(name: string): string | undefined;
}

interface Naming {
  readonly logicalId: string;
  readonly env: StackEnvironment;
  /** The resource's own name, when its template sets one. */
  readonly name?: string;
}

interface ResourceIdentity {
  /** The property holding the resource's own name, if the type has one. */
  readonly nameProperty?: string;
  readonly create: (naming: Naming) => { physicalId: string; attributes: Record<string, string> };
}

const ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

/** `length` random characters of `alphabet`. */
export function randomId(length: number, alphabet = ALPHANUMERIC): string {
  return [...randomBytes(length)].map((byte) => alphabet[byte % alphabet.length]).join("");
}
const lower = (length: number) => randomId(length, "abcdefghijklmnopqrstuvwxyz0123456789");

/** `<stack>-<logical id>-<suffix>`, the longer of the first two shortened until the whole fits `maxLength`. */
export function generatedName(
  stackName: string,
  logicalId: string,
  maxLength: number,
  suffix: string,
): string {
  let [stack, logical] = [stackName, logicalId];
  while (stack.length + logical.length + suffix.length + 2 > maxLength && stack.length + logical.length > 2) {
    if (stack.length >= logical.length) stack = stack.slice(0, -1);
    else logical = logical.slice(0, -1);
  }
  return `${stack}-${logical}-${suffix}`;
}

const arn = (env: StackEnvironment, service: string, resource: string, { global = false } = {}) =>
  `arn:${env.partition}:${service}:${global ? "" : env.region}:${env.accountId}:${resource}`;

/** A named resource: its name, given or generated, is its physical id. */
function named(
  nameProperty: string,
  maxLength: number,
  attributes: (name: string, env: StackEnvironment) => Record<string, string>,
  { lowercase = false } = {},
): ResourceIdentity {
  return {
    nameProperty,
    create: ({ logicalId, env, name }) => {
      const generated = () => generatedName(env.stackName, logicalId, maxLength, randomId(12));
      // S3 bucket names allow lowercase letters only, so CloudFormation lowercases the generated one.
      const physicalId = name ?? (lowercase ? generated().toLowerCase() : generated());
      return { physicalId, attributes: attributes(physicalId, env) };
    },
  };
}

/** A resource whose physical id is a service-generated id rather than a name. */
function identified(
  id: (env: StackEnvironment) => string,
  attributes: (id: string, env: StackEnvironment) => Record<string, string> = () => ({}),
): ResourceIdentity {
  return {
    create: ({ env }) => {
      const physicalId = id(env);
      return { physicalId, attributes: attributes(physicalId, env) };
    },
  };
}

const IDENTITIES: Readonly<Record<string, ResourceIdentity>> = {
  "AWS::DynamoDB::Table": named("TableName", 255, (name, env) => {
    const tableArn = arn(env, "dynamodb", `table/${name}`);
    return { Arn: tableArn, StreamArn: `${tableArn}/stream/${new Date().toISOString().slice(0, 23)}` };
  }),
  "AWS::Lambda::Function": named("FunctionName", 64, (name, env) => ({
    Arn: arn(env, "lambda", `function:${name}`),
  })),
  "AWS::IAM::Role": named("RoleName", 64, (name, env) => ({
    Arn: arn(env, "iam", `role/${name}`, { global: true }),
    RoleId: `AROA${randomId(17)}`,
  })),
  "AWS::IAM::ManagedPolicy": {
    nameProperty: "ManagedPolicyName",
    create: ({ logicalId, env, name }) => {
      const policyArn = arn(
        env,
        "iam",
        `policy/${name ?? generatedName(env.stackName, logicalId, 128, randomId(12))}`,
        {
          global: true,
        },
      );
      return { physicalId: policyArn, attributes: { PolicyArn: policyArn } };
    },
  },
  "AWS::Logs::LogGroup": named("LogGroupName", 512, (name, env) => ({
    Arn: arn(env, "logs", `log-group:${name}:*`),
  })),
  "AWS::ApiGatewayV2::Api": identified(
    () => lower(10),
    (id, env) => ({ ApiId: id, ApiEndpoint: `https://${id}.execute-api.${env.region}.${env.urlSuffix}` }),
  ),
  "AWS::ApiGatewayV2::Stage": named("StageName", 128, () => ({})),
  "AWS::ApiGatewayV2::Route": identified(
    () => lower(7),
    (id) => ({ RouteId: id }),
  ),
  "AWS::ApiGatewayV2::Integration": identified(
    () => lower(7),
    (id) => ({ IntegrationId: id }),
  ),
  "AWS::ApiGatewayV2::Authorizer": identified(
    () => lower(6),
    (id) => ({ AuthorizerId: id }),
  ),
  "AWS::Cognito::UserPool": identified(
    (env) => `${env.region}_${randomId(9, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")}`,
    (id, env) => ({
      Arn: arn(env, "cognito-idp", `userpool/${id}`),
      ProviderName: `cognito-idp.${env.region}.${env.urlSuffix}/${id}`,
      ProviderURL: `https://cognito-idp.${env.region}.${env.urlSuffix}/${id}`,
      UserPoolId: id,
    }),
  ),
  "AWS::Cognito::UserPoolClient": identified(
    () => lower(26),
    (id) => ({ ClientId: id, ClientSecret: randomId(51).toLowerCase() }),
  ),
  "AWS::Cognito::UserPoolDomain": named("Domain", 63, () => ({})),
  "AWS::Cognito::UserPoolResourceServer": named("Identifier", 256, () => ({})),
  "AWS::Cognito::UserPoolGroup": named("GroupName", 128, () => ({})),
  "AWS::S3::Bucket": named(
    "BucketName",
    63,
    (name, env) => ({
      Arn: `arn:${env.partition}:s3:::${name}`,
      DomainName: `${name}.s3.${env.urlSuffix}`,
      RegionalDomainName: `${name}.s3.${env.region}.${env.urlSuffix}`,
    }),
    { lowercase: true },
  ),
  "AWS::CloudFront::Distribution": identified(
    () => `E${randomId(13)}`,
    (id) => ({ Id: id, DomainName: `d${lower(13)}.cloudfront.net` }),
  ),
  "AWS::CloudFront::Function": {
    nameProperty: "Name",
    create: ({ logicalId, env, name }) => {
      const functionArn = arn(
        env,
        "cloudfront",
        `function/${name ?? generatedName(env.stackName, logicalId, 64, randomId(12))}`,
        {
          global: true,
        },
      );
      return { physicalId: functionArn, attributes: { FunctionARN: functionArn, Stage: "LIVE" } };
    },
  },
  "AWS::CloudFront::ResponseHeadersPolicy": identified(
    () => randomUUID(),
    (id) => ({ Id: id }),
  ),
  "AWS::CloudFront::CachePolicy": identified(
    () => randomUUID(),
    (id) => ({ Id: id }),
  ),
  "AWS::CloudFront::OriginRequestPolicy": identified(
    () => randomUUID(),
    (id) => ({ Id: id }),
  ),
  "AWS::CloudFront::OriginAccessControl": identified(
    () => `E${randomId(13)}`,
    (id) => ({ Id: id }),
  ),
  "AWS::SNS::Topic": {
    nameProperty: "TopicName",
    create: ({ logicalId, env, name }) => {
      const topicName = name ?? generatedName(env.stackName, logicalId, 256, randomId(12));
      const topicArn = arn(env, "sns", topicName);
      return { physicalId: topicArn, attributes: { TopicArn: topicArn, TopicName: topicName } };
    },
  },
  "AWS::KMS::Key": identified(
    () => randomUUID(),
    (id, env) => ({ Arn: arn(env, "kms", `key/${id}`), KeyId: id }),
  ),
  "AWS::CloudWatch::Alarm": named("AlarmName", 255, (name, env) => ({
    Arn: arn(env, "cloudwatch", `alarm:${name}`),
  })),
};

/** The name property of a resource type, if the sandbox knows one. */
export function nameProperty(type: string): string | undefined {
  return IDENTITIES[type]?.nameProperty;
}

/**
 * Creates the identity of one resource. A type the sandbox does not know gets a generated name and an ARN;
 * its other attributes stay unknown.
 */
export function provision(type: string, naming: Naming): PhysicalResource {
  const identity = IDENTITIES[type];
  if (identity) {
    const { physicalId, attributes } = identity.create(naming);
    return { physicalId, attribute: (name) => attributes[name] };
  }
  const physicalId = naming.name ?? generatedName(naming.env.stackName, naming.logicalId, 255, randomId(12));
  const [, service = "unknown", resource = "resource"] = type.split("::").map((part) => part.toLowerCase());
  const resourceArn = arn(naming.env, service, `${resource}/${physicalId}`);
  return { physicalId, attribute: (name) => (name === "Arn" ? resourceArn : undefined) };
}
