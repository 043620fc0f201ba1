// An HTTP API stage's throttling, as "Throttling requests to your HTTP API" describes it
// (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-throttling.html): a token bucket per
// route, a token a request, refilled at the rate limit up to the burst limit (the bucket's size); a request
// that finds the bucket empty gets `429 Too Many Requests`. The stage's `DefaultRouteSettings` apply to each
// route on its own (they are route settings), `RouteSettings` override them by route key, and what neither
// sets is bounded by the account's regional limits (10,000 requests per second, a burst of 5,000; "Amazon API
// Gateway quotas").

export interface ThrottleSettings {
  /** Steady-state requests per second. */
  readonly ThrottlingRateLimit?: number;
  /** The bucket's size: how many requests may arrive at once. */
  readonly ThrottlingBurstLimit?: number;
}

export interface StageThrottlingSettings {
  readonly DefaultRouteSettings?: ThrottleSettings;
  readonly RouteSettings?: Readonly<Record<string, ThrottleSettings>>;
}

/** Takes a token for a request to `routeKey`; false when the route's bucket is empty. */
export type StageThrottle = (routeKey: string) => boolean;

const ACCOUNT_LIMITS = { ThrottlingRateLimit: 10_000, ThrottlingBurstLimit: 5_000 } as const;

export function stageThrottle(
  settings: StageThrottlingSettings,
  now = () => performance.now(),
): StageThrottle {
  const buckets = new Map<string, { tokens: number; refilledAt: number; rate: number; size: number }>();
  return (routeKey) => {
    let bucket = buckets.get(routeKey);
    if (!bucket) {
      const limits = {
        ...ACCOUNT_LIMITS,
        ...settings.DefaultRouteSettings,
        ...settings.RouteSettings?.[routeKey],
      };
      const size = Math.min(limits.ThrottlingBurstLimit, ACCOUNT_LIMITS.ThrottlingBurstLimit);
      const rate = Math.min(limits.ThrottlingRateLimit, ACCOUNT_LIMITS.ThrottlingRateLimit);
      bucket = { tokens: size, refilledAt: now(), rate, size };
      buckets.set(routeKey, bucket);
    }
    const at = now();
    bucket.tokens = Math.min(bucket.size, bucket.tokens + ((at - bucket.refilledAt) / 1000) * bucket.rate);
    bucket.refilledAt = at;
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  };
}
