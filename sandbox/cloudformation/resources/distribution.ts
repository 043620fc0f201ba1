// The distribution of the templates (AWS::CloudFront::Distribution), as the sandbox's CloudFront serves it: its
// cache behaviours in order and its default behaviour, each with its allowed methods, its origin (by domain
// name: an HTTP API of the sandbox, or a bucket of its S3), its origin request policy, its response headers
// policy (AWS::CloudFront::ResponseHeadersPolicy) and its viewer-request function, run from the FunctionCode of
// its AWS::CloudFront::Function. Lambda@Edge, viewer-response functions and managed response headers policies
// are not imitated and stop the start.
import {
  type CacheBehaviour,
  type Distribution,
  type Origin,
  sandboxDistribution,
} from "../../cloudfront/distribution";
import {
  managedOriginRequestPolicy,
  type OriginRequestHeadersConfig,
  originRequestPolicy,
} from "../../cloudfront/origin-request-policy";
import {
  type ResponseHeadersPolicyConfig,
  responseHeadersPolicy,
} from "../../cloudfront/response-headers-policy";
import { loadViewerRequestFunction } from "../../cloudfront/viewer-request";
import { type DeployedResource, type Deployment, resolved } from "../deployment";

interface BehaviourProperties {
  readonly PathPattern?: string;
  readonly AllowedMethods?: readonly string[];
  readonly TargetOriginId: string;
  readonly OriginRequestPolicyId?: string;
  readonly ResponseHeadersPolicyId?: string;
  readonly FunctionAssociations?: readonly { readonly EventType: string; readonly FunctionARN: string }[];
  readonly LambdaFunctionAssociations?: readonly unknown[];
}

interface DistributionConfig {
  readonly CacheBehaviors?: readonly BehaviourProperties[];
  readonly DefaultCacheBehavior: BehaviourProperties;
  readonly Origins: readonly {
    readonly Id: string;
    readonly DomainName: string;
    readonly OriginPath?: string;
  }[];
}

/**
 * The one distribution of the templates.
 * @param originAt what answers requests to an origin's domain name
 */
export function distributionFrom(
  deployment: Deployment,
  originAt: (domainName: string) => Origin,
): Distribution {
  const [resource, ...others] = deployment.resourcesOfType("AWS::CloudFront::Distribution");
  if (!resource) throw new Error("The templates have no CloudFront distribution to serve");
  if (others.length > 0) throw notImitated(others[0], "a second distribution");
  const config = resolved(resource).DistributionConfig as DistributionConfig;
  const behaviours = [
    ...(config.CacheBehaviors ?? []),
    { ...config.DefaultCacheBehavior, PathPattern: undefined },
  ];
  return sandboxDistribution(
    behaviours.map((behaviour): CacheBehaviour => {
      if (behaviour.LambdaFunctionAssociations?.length) throw notImitated(resource, "Lambda@Edge");
      const origin = config.Origins.find((candidate) => candidate.Id === behaviour.TargetOriginId);
      if (!origin) throw new Error(`No origin ${behaviour.TargetOriginId} in ${resource.constructPath}`);
      const answer = originAt(origin.DomainName);
      const originPath = origin.OriginPath ?? "";
      return {
        pathPattern: behaviour.PathPattern,
        allowedMethods: behaviour.AllowedMethods ?? ["GET", "HEAD"],
        origin: originPath ? (request) => answer({ ...request, url: `${originPath}${request.url}` }) : answer,
        originRequestPolicy: originRequestPolicy(originRequestHeaders(deployment, resource, behaviour)),
        viewerRequest: viewerRequestFunction(deployment, resource, behaviour),
        responseHeadersPolicy: behaviour.ResponseHeadersPolicyId
          ? responseHeadersPolicy(
              responseHeadersConfig(deployment, resource, behaviour.ResponseHeadersPolicyId),
            )
          : undefined,
      };
    }),
  );
}

function originRequestHeaders(
  deployment: Deployment,
  distribution: DeployedResource,
  behaviour: BehaviourProperties,
): OriginRequestHeadersConfig | undefined {
  const id = behaviour.OriginRequestPolicyId;
  if (id === undefined) return undefined;
  const policy = byPhysicalId(deployment, "AWS::CloudFront::OriginRequestPolicy", id);
  const headers = policy
    ? (resolved(policy).OriginRequestPolicyConfig as { HeadersConfig: OriginRequestHeadersConfig })
        .HeadersConfig
    : managedOriginRequestPolicy(id);
  if (!headers) throw notImitated(distribution, `the origin request policy ${id}`);
  return headers;
}

function responseHeadersConfig(
  deployment: Deployment,
  distribution: DeployedResource,
  id: string,
): ResponseHeadersPolicyConfig {
  const policy = byPhysicalId(deployment, "AWS::CloudFront::ResponseHeadersPolicy", id);
  if (!policy) throw notImitated(distribution, `the managed response headers policy ${id}`);
  return resolved(policy).ResponseHeadersPolicyConfig as ResponseHeadersPolicyConfig;
}

function viewerRequestFunction(
  deployment: Deployment,
  distribution: DeployedResource,
  behaviour: BehaviourProperties,
) {
  const [association, ...others] = behaviour.FunctionAssociations ?? [];
  if (!association) return undefined;
  const unsupported = [association, ...others].find(({ EventType }) => EventType !== "viewer-request");
  if (others.length > 0 || unsupported) {
    throw notImitated(distribution, `${unsupported?.EventType ?? "a second"} function association`);
  }
  const fn = deployment
    .resourcesOfType("AWS::CloudFront::Function")
    .find((candidate) => candidate.attribute("FunctionARN") === association.FunctionARN);
  if (!fn) throw new Error(`The function ${association.FunctionARN} is not in the templates`);
  const { FunctionCode, Name } = resolved(fn) as { FunctionCode: string; Name: string };
  return loadViewerRequestFunction(FunctionCode, Name);
}

function byPhysicalId(deployment: Deployment, type: string, id: string): DeployedResource | undefined {
  return deployment.resourcesOfType(type).find((resource) => resource.physicalId === id);
}

function notImitated(resource: DeployedResource, what: string): Error {
  return new Error(`The sandbox does not imitate ${what} (${resource.constructPath ?? resource.logicalId})`);
}
