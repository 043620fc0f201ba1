// Which of the viewer's headers CloudFront passes to the origin: those an origin request policy names ("Control
// origin requests with a policy"; the managed policies' contents from "Use managed origin request policies"),
// never the hop-by-hop ones a proxy must drop (RFC 9110 §7.6.1). The query string goes through as the viewer
// sent it: the workload's API behaviours forward it whole, and S3 ignores it.
import type { HeaderValues } from "../api-gateway/payload-v2";

export interface OriginRequestHeadersConfig {
  readonly HeaderBehavior:
    | "none"
    | "whitelist"
    | "allViewer"
    | "allViewerAndWhitelistCloudFront"
    | "allExcept";
  readonly Headers?: readonly string[];
}

/** The managed policies, by the ids templates refer to them with. */
const MANAGED_POLICIES: Readonly<Record<string, OriginRequestHeadersConfig>> = {
  // AllViewer
  "216adef6-5c7f-47e4-b989-5492eafa07d3": { HeaderBehavior: "allViewer" },
  // AllViewerExceptHostHeader
  "b689b0a8-53d0-40ab-baf2-68738e2966ac": { HeaderBehavior: "allExcept", Headers: ["host"] },
  // AllViewerAndCloudFrontHeaders-2022-06 (CloudFront's own CloudFront-* headers are not imitated)
  "33f36d7e-f396-46d9-90e0-52428a34d9dc": { HeaderBehavior: "allViewer" },
  // CORS-CustomOrigin
  "59781a5b-3903-41f3-afcb-af62929ccde1": { HeaderBehavior: "whitelist", Headers: ["origin"] },
  // CORS-S3Origin
  "88a5eaf4-2fd4-4709-b370-b4c650ea3fcf": {
    HeaderBehavior: "whitelist",
    Headers: ["origin", "access-control-request-headers", "access-control-request-method"],
  },
  // UserAgentRefererHeaders
  "acba4595-bd28-49b8-b9fe-13317c0390fa": { HeaderBehavior: "whitelist", Headers: ["user-agent", "referer"] },
  // HostHeaderOnly
  "bf0718e1-ba1e-49d1-88b1-f726733018ae": { HeaderBehavior: "whitelist", Headers: ["host"] },
};

const HOP_BY_HOP = new Set([
  "connection",
  "keep-alive",
  "proxy-connection",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
]);

/**
 * Sent on although no policy names them: the sandbox keeps no cache, so the origin answers the viewer's
 * revalidations that CloudFront would answer from its cache.
 */
const CONDITIONAL = ["if-none-match", "if-modified-since"];

/** The viewer headers that reach the origin. */
export type OriginRequestPolicy = (viewerHeaders: HeaderValues) => HeaderValues;

/** A managed policy's config by its id, if CloudFront defines one with that id. */
export function managedOriginRequestPolicy(id: string): OriginRequestHeadersConfig | undefined {
  return MANAGED_POLICIES[id];
}

/** @param config the policy's headers, or undefined for a behaviour without an origin request policy */
export function originRequestPolicy(config: OriginRequestHeadersConfig | undefined): OriginRequestPolicy {
  const named = new Set((config?.Headers ?? []).map((header) => header.toLowerCase()));
  const behavior = config?.HeaderBehavior ?? "none";
  const passes = (name: string) => {
    if (HOP_BY_HOP.has(name)) return false;
    if (CONDITIONAL.includes(name)) return true;
    if (behavior === "allViewer" || behavior === "allViewerAndWhitelistCloudFront") return true;
    if (behavior === "allExcept") return !named.has(name);
    return named.has(name);
  };
  return (viewerHeaders) =>
    Object.fromEntries(Object.entries(viewerHeaders).filter(([name]) => passes(name.toLowerCase())));
}
