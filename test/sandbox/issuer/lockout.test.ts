// Cognito's documented lockout, on a clock the test drives: five free failures, then 2^(n-5) seconds up to about
// 15 minutes, attempts during a lockout refused and not counted, a clean slate after a success or 15 quiet minutes.
import { beforeEach, describe, expect, it } from "vitest";
import { PasswordLockout } from "../../../sandbox/issuer/lockout";

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
let clock: number;
let lockout: PasswordLockout;
beforeEach(() => {
  clock = 0;
  lockout = new PasswordLockout(() => clock);
});

const wrong = (account = "viewer") => lockout.attempt(account, () => false);
const right = (account = "viewer") => lockout.attempt(account, () => true);

describe("PasswordLockout", () => {
  it("lets four wrong passwords go by, then locks the account for a second after the fifth", () => {
    for (let failure = 1; failure <= 4; failure++) expect(wrong()).toBe("wrong-credentials");
    expect(right()).toBe("signed-in");

    for (let failure = 1; failure <= 5; failure++) expect(wrong()).toBe("wrong-credentials");
    expect(right()).toBe("locked-out");
    clock += 999;
    expect(right()).toBe("locked-out");
    clock += 1;
    expect(right()).toBe("signed-in");
  });

  it("doubles the lockout with each further failure, up to 15 minutes", () => {
    for (let failure = 1; failure <= 5; failure++) wrong();
    const durations: number[] = [];
    let lockedAt = clock;
    // Probing every second with a wrong password: refused uncounted while locked, a counted failure (which locks
    // again) as soon as the lockout is over.
    while (durations.length < 12) {
      clock += SECOND;
      if (wrong() === "wrong-credentials") {
        durations.push((clock - lockedAt) / SECOND);
        lockedAt = clock;
      }
    }

    expect(durations).toEqual([1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 900, 900]);
  });

  it("neither evaluates nor counts an attempt during a lockout", () => {
    for (let failure = 1; failure <= 5; failure++) wrong();
    let asked = false;

    expect(lockout.attempt("viewer", () => (asked = true))).toBe("locked-out");
    expect(wrong()).toBe("locked-out");

    expect(asked).toBe(false);
    clock += SECOND;
    // Still the sixth counted failure, so two seconds now, not more.
    expect(wrong()).toBe("wrong-credentials");
    clock += 2 * SECOND - 1;
    expect(right()).toBe("locked-out");
    clock += 1;
    expect(right()).toBe("signed-in");
  });

  it("starts over after 15 minutes without an attempt", () => {
    for (let failure = 1; failure <= 7; failure++) {
      wrong();
      clock += 10 * SECOND;
    }
    clock += 15 * MINUTE;

    for (let failure = 1; failure <= 4; failure++) expect(wrong()).toBe("wrong-credentials");
    expect(right()).toBe("signed-in");
  });

  it("counts each account on its own, known or not", () => {
    for (let failure = 1; failure <= 5; failure++) wrong("nobody");

    expect(right("viewer")).toBe("signed-in");
    expect(right("nobody")).toBe("locked-out");
  });
});
