// A response headers policy as CloudFront applies it to the answers of the behaviours it is attached to ("Add
// or remove HTTP headers in CloudFront responses with a policy", and "Understand response headers policies"):
// the security headers and custom headers it adds, each either replacing the origin's (Override) or only
// filling in where the origin sent none, and the headers it removes. Read from the policy's configuration
// (`ResponseHeadersPolicyConfig` in the template); CORS and Server-Timing are not imitated and refused.

export interface ResponseHeadersPolicyConfig {
  readonly Name?: string;
  readonly SecurityHeadersConfig?: {
    readonly ContentSecurityPolicy?: { readonly ContentSecurityPolicy: string; readonly Override: boolean };
    readonly ContentTypeOptions?: { readonly Override: boolean };
    readonly FrameOptions?: { readonly FrameOption: string; readonly Override: boolean };
    readonly ReferrerPolicy?: { readonly ReferrerPolicy: string; readonly Override: boolean };
    readonly StrictTransportSecurity?: {
      readonly AccessControlMaxAgeSec: number;
      readonly IncludeSubdomains?: boolean;
      readonly Preload?: boolean;
      readonly Override: boolean;
    };
    readonly XSSProtection?: {
      readonly Protection: boolean;
      readonly ModeBlock?: boolean;
      readonly ReportUri?: string;
      readonly Override: boolean;
    };
  };
  readonly CustomHeadersConfig?: {
    readonly Items: readonly {
      readonly Header: string;
      readonly Value: string;
      readonly Override: boolean;
    }[];
  };
  readonly RemoveHeadersConfig?: { readonly Items: readonly { readonly Header: string }[] };
  readonly CorsConfig?: unknown;
  readonly ServerTimingHeadersConfig?: { readonly Enabled: boolean };
}

/** The viewer response's headers (lowercase names) from the origin response's. */
export type ResponseHeadersPolicy = (headers: Readonly<Record<string, string>>) => Record<string, string>;

interface PolicyHeader {
  readonly name: string;
  readonly value: string;
  readonly override: boolean;
}

export function responseHeadersPolicy(config: ResponseHeadersPolicyConfig): ResponseHeadersPolicy {
  if (config.CorsConfig) throw new Error(`CORS in response headers policy ${config.Name} is not imitated`);
  if (config.ServerTimingHeadersConfig?.Enabled) {
    throw new Error(`Server-Timing in response headers policy ${config.Name} is not imitated`);
  }
  const added = [
    ...securityHeaders(config.SecurityHeadersConfig ?? {}),
    ...(config.CustomHeadersConfig?.Items ?? []).map(({ Header, Value, Override }) => ({
      name: Header.toLowerCase(),
      value: Value,
      override: Override,
    })),
  ];
  const removed = new Set(
    (config.RemoveHeadersConfig?.Items ?? []).map(({ Header }) => Header.toLowerCase()),
  );
  return (headers) => {
    const result: Record<string, string> = {};
    for (const [name, value] of Object.entries(headers)) if (!removed.has(name)) result[name] = value;
    for (const { name, value, override } of added) if (override || !(name in result)) result[name] = value;
    return result;
  };
}

function securityHeaders(
  config: NonNullable<ResponseHeadersPolicyConfig["SecurityHeadersConfig"]>,
): PolicyHeader[] {
  const headers: PolicyHeader[] = [];
  const add = (name: string, value: string, override: boolean) => headers.push({ name, value, override });
  const { ContentSecurityPolicy, ContentTypeOptions, FrameOptions, ReferrerPolicy } = config;
  if (ContentSecurityPolicy) {
    add(
      "content-security-policy",
      ContentSecurityPolicy.ContentSecurityPolicy,
      ContentSecurityPolicy.Override,
    );
  }
  if (ContentTypeOptions) add("x-content-type-options", "nosniff", ContentTypeOptions.Override);
  if (FrameOptions) add("x-frame-options", FrameOptions.FrameOption, FrameOptions.Override);
  if (ReferrerPolicy) add("referrer-policy", ReferrerPolicy.ReferrerPolicy, ReferrerPolicy.Override);
  const hsts = config.StrictTransportSecurity;
  if (hsts) {
    // Sent over the sandbox's plain HTTP too, as CloudFront would; browsers ignore it there (RFC 6797 §8.1).
    const value = [
      `max-age=${hsts.AccessControlMaxAgeSec}`,
      ...(hsts.IncludeSubdomains ? ["includeSubDomains"] : []),
      ...(hsts.Preload ? ["preload"] : []),
    ].join("; ");
    add("strict-transport-security", value, hsts.Override);
  }
  const xss = config.XSSProtection;
  if (xss) {
    const value = xss.Protection
      ? ["1", ...(xss.ModeBlock ? ["mode=block"] : []), ...(xss.ReportUri ? [`report=${xss.ReportUri}`] : [])]
      : ["0"];
    add("x-xss-protection", value.join("; "), xss.Override);
  }
  return headers;
}
