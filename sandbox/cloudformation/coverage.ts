// What the sandbox does with each resource type of the templates: runs it (an imitation of its service reads
// it), stands something else in for it, or does not run it. `npm start` prints the last two, so that nobody
// takes a passing sandbox for proof of what it never ran.
import type { Deployment } from "./deployment";

/** Types an imitation reads and runs as the template declares them. */
const RUN = new Set([
  "AWS::DynamoDB::Table",
  "AWS::Lambda::Function",
  "AWS::Lambda::Permission",
  "AWS::IAM::Role",
  "AWS::IAM::Policy",
  "AWS::IAM::ManagedPolicy",
  "AWS::ApiGatewayV2::Api",
  "AWS::ApiGatewayV2::Route",
  "AWS::ApiGatewayV2::Integration",
  "AWS::ApiGatewayV2::Authorizer",
  "AWS::ApiGatewayV2::Stage",
  "AWS::CloudFront::Distribution",
  "AWS::CloudFront::Function",
  "AWS::CloudFront::ResponseHeadersPolicy",
  "AWS::CloudFront::OriginRequestPolicy",
  "AWS::S3::Bucket",
  "Custom::CDKBucketDeployment",
]);

const ISSUER = "the sandbox issuer, with its seeded people and clients";
const DIRECT_READ = "the distribution reading the bucket directly";

/** Types something else stands in for, with what. */
const STOOD_IN: Readonly<Record<string, string>> = {
  "AWS::Cognito::UserPool": ISSUER,
  "AWS::Cognito::UserPoolClient": ISSUER,
  "AWS::Cognito::UserPoolDomain": ISSUER,
  "AWS::Cognito::UserPoolResourceServer": ISSUER,
  "AWS::Cognito::UserPoolGroup": ISSUER,
  "AWS::CloudFront::OriginAccessControl": DIRECT_READ,
  "AWS::S3::BucketPolicy": DIRECT_READ,
  "AWS::CloudFront::CachePolicy": "no cache: every request reaches its origin",
  "AWS::Logs::LogGroup": "the functions' logs on the sandbox's output",
};

/**
 * One line per group of resource types the sandbox does not run, with what stands in for them, e.g.
 * `AWS::CloudWatch::Alarm, AWS::CloudWatch::Dashboard → not run`.
 * @param runFunctions the physical ids of the functions the sandbox runs; any other function is not run
 */
export function notRunLines(deployment: Deployment, runFunctions: ReadonlySet<string>): string[] {
  const byStandIn = new Map<string, Set<string>>();
  const add = (type: string, standIn: string) =>
    byStandIn.set(standIn, (byStandIn.get(standIn) ?? new Set()).add(type));
  for (const stack of deployment.stacks) {
    for (const resource of stack.resources) {
      if (resource.type === "AWS::Lambda::Function") {
        if (!runFunctions.has(resource.physicalId)) {
          add("AWS::Lambda::Function", "not run, where no HTTP API invokes it (custom-resource providers)");
        }
      } else if (resource.type.startsWith("Custom::") && !RUN.has(resource.type)) {
        add(resource.type, "not run (custom resources: their providers are not invoked)");
      } else if (!RUN.has(resource.type)) {
        add(resource.type, STOOD_IN[resource.type] ?? "not run");
      }
    }
  }
  return [...byStandIn].map(([standIn, types]) => `${[...types].sort().join(", ")} → ${standIn}`);
}
