// Lambda's concurrency accounting ("Understanding Lambda function scaling",
// https://docs.aws.amazon.com/lambda/latest/dg/lambda-concurrency.html): each invocation in flight holds one unit.
// A function with reserved concurrency draws from its own pool, which is also its ceiling; every other function
// shares what the reservations leave of the account's limit. An invocation that finds its pool empty is throttled
// (TooManyRequestsException, https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html#API_Invoke_Errors).
import type { FunctionConfiguration, ThrottleReason } from "./function-configuration";

/** Lambda refuses a reservation that leaves the account fewer unreserved units than this. */
export const UNRESERVED_CONCURRENCY_MINIMUM = 100;

export type Admission =
  | { readonly admitted: true; release(): void }
  | { readonly admitted: false; readonly reason: ThrottleReason };

/** The reservations' problem as Lambda's PutFunctionConcurrency words it, or undefined when they fit the account. */
export function reservationProblem(
  functions: readonly FunctionConfiguration[],
  accountLimit: number,
): string | undefined {
  const reserved = functions.reduce((sum, fn) => sum + (fn.reservedConcurrency ?? 0), 0);
  if (reserved === 0 || accountLimit - reserved >= UNRESERVED_CONCURRENCY_MINIMUM) return undefined;
  return (
    `Specified ReservedConcurrentExecutions for function decreases account's UnreservedConcurrentExecution below its ` +
    `minimum value of [${UNRESERVED_CONCURRENCY_MINIMUM}] (reserved ${reserved} of an account limit of ${accountLimit}).`
  );
}

export function concurrencyPools(functions: readonly FunctionConfiguration[], accountLimit: number) {
  const reserved = functions.reduce((sum, fn) => sum + (fn.reservedConcurrency ?? 0), 0);
  const unreserved = { limit: accountLimit - reserved, inFlight: 0 };
  const pools = new Map(
    functions.map((fn) => [
      fn.functionName,
      fn.reservedConcurrency === undefined ? unreserved : { limit: fn.reservedConcurrency, inFlight: 0 },
    ]),
  );
  return {
    admit(fn: FunctionConfiguration): Admission {
      const pool = pools.get(fn.functionName) ?? unreserved;
      if (pool.inFlight >= pool.limit) {
        return {
          admitted: false,
          reason:
            pool === unreserved
              ? "ConcurrentInvocationLimitExceeded"
              : "ReservedFunctionConcurrentInvocationLimitExceeded",
        };
      }
      pool.inFlight++;
      let released = false;
      return {
        admitted: true,
        release() {
          if (!released) pool.inFlight--;
          released = true;
        },
      };
    },
  };
}
