// Cognito's lockout after repeated wrong passwords, as the Amazon Cognito Developer Guide describes it
// ("Authentication with Amazon Cognito user pools", section "Lockout behavior for failed sign-in attempts"): after five failed sign-ins with a
// user's password, the user is locked out for one second; each further failure doubles it (2^(n-5) seconds for
// n counted failures), up to about 15 minutes. Attempts during a lockout are refused with "Password attempts
// exceeded" and are not counted. The count goes back to zero after a successful sign-in, or after 15 minutes
// without any attempt. AWS says the behaviour is "subject to change"; this is the documented one.

/** Failures before the first lockout. */
const FREE_FAILURES = 5;
/** "up to a maximum of approximately 15 minutes" */
const MAX_LOCKOUT_MS = 15 * 60 * 1000;
/** "not initiate any sign-in attempts for 15 consecutive minutes" */
const QUIET_RESET_MS = 15 * 60 * 1000;

interface AccountState {
  failures: number;
  lockedUntil: number;
  lastAttempt: number;
}

export type SignInVerdict = "signed-in" | "wrong-credentials" | "locked-out";

export class PasswordLockout {
  readonly #accounts = new Map<string, AccountState>();

  /** @param now the clock, in milliseconds; tests drive it */
  constructor(private readonly now: () => number = Date.now) {}

  /**
   * Judges one sign-in attempt on `account` (any name, known or not: a lockout must not tell them apart).
   * `passwordIsRight` is asked only when the account is not locked out.
   */
  attempt(account: string, passwordIsRight: () => boolean): SignInVerdict {
    const now = this.now();
    const state = this.#current(account, now);
    state.lastAttempt = now;
    if (now < state.lockedUntil) return "locked-out";
    if (passwordIsRight()) {
      this.#accounts.delete(account);
      return "signed-in";
    }
    state.failures += 1;
    if (state.failures >= FREE_FAILURES) {
      state.lockedUntil = now + Math.min(2 ** (state.failures - FREE_FAILURES) * 1000, MAX_LOCKOUT_MS);
    }
    return "wrong-credentials";
  }

  #current(account: string, now: number): AccountState {
    const known = this.#accounts.get(account);
    if (known && now - known.lastAttempt < QUIET_RESET_MS) return known;
    const fresh = { failures: 0, lockedUntil: 0, lastAttempt: now };
    this.#accounts.set(account, fresh);
    return fresh;
  }
}
