// A stage throttles each route with a token bucket: a burst's worth at once, then the rate.
import { describe, expect, it } from "vitest";
import { stageThrottle } from "../../../sandbox/api-gateway/stage-throttling";

/** A clock the test moves by hand, in milliseconds. */
function clock() {
  let now = 0;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

const take = (throttle: (routeKey: string) => boolean, routeKey: string, count: number) =>
  Array.from({ length: count }, () => throttle(routeKey)).filter(Boolean).length;

describe("a stage's throttling", () => {
  it("lets a burst through at once, then refuses until the rate refills the bucket", () => {
    const time = clock();
    const throttle = stageThrottle(
      { DefaultRouteSettings: { ThrottlingBurstLimit: 10, ThrottlingRateLimit: 5 } },
      time.now,
    );
    expect(take(throttle, "GET /api/users", 12)).toBe(10);
    time.advance(1000);
    expect(take(throttle, "GET /api/users", 10)).toBe(5);
    time.advance(100);
    expect(throttle("GET /api/users")).toBe(false);
    time.advance(100);
    expect(throttle("GET /api/users")).toBe(true);
  });

  it("keeps a bucket per route, and never fills one past its burst limit", () => {
    const time = clock();
    const throttle = stageThrottle(
      { DefaultRouteSettings: { ThrottlingBurstLimit: 2, ThrottlingRateLimit: 50 } },
      time.now,
    );
    expect(take(throttle, "GET /api/users", 3)).toBe(2);
    expect(take(throttle, "POST /api/users", 3)).toBe(2);
    time.advance(60_000);
    expect(take(throttle, "GET /api/users", 5)).toBe(2);
  });

  it("takes a route's own settings over the stage's defaults", () => {
    const throttle = stageThrottle(
      {
        DefaultRouteSettings: { ThrottlingBurstLimit: 100, ThrottlingRateLimit: 50 },
        RouteSettings: { "POST /api/chat": { ThrottlingBurstLimit: 1, ThrottlingRateLimit: 1 } },
      },
      clock().now,
    );
    expect(take(throttle, "POST /api/chat", 3)).toBe(1);
    expect(take(throttle, "GET /api/users", 3)).toBe(3);
  });

  it("bounds a route without settings by the account's regional burst of 5,000", () => {
    expect(take(stageThrottle({}, clock().now), "GET /", 5_001)).toBe(5_000);
  });
});
