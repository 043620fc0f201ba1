// Conditional writes under contention: transactions whose items have names, and one bounded retry loop.
import type { AttributeValue, TransactionCanceledException } from "@aws-sdk/client-dynamodb";
import { type DynamoDBDocumentClient, TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import { ConcurrentUpdateError } from "./user-errors";

type TransactItem = NonNullable<
  ConstructorParameters<typeof TransactWriteCommand>[0]["TransactItems"]
>[number];

/** A failed item's condition, with the item as it was when the condition failed (when DynamoDB returned it). */
export interface FailedCondition {
  readonly oldItem?: Record<string, AttributeValue>;
}

export type TransactionOutcome<Name extends string> =
  | { readonly outcome: "committed" }
  /** At least one condition failed; `failed` names each item whose condition did. */
  | { readonly outcome: "condition-failed"; readonly failed: Partial<Record<Name, FailedCondition>> }
  /** Another transaction held an item, or DynamoDB throttled: nothing was evaluated, trying again may pass. */
  | { readonly outcome: "contention" };

/**
 * Runs the named items as one transaction. DynamoDB reports cancellation reasons by position; they are mapped
 * back to the names here so that callers read `failed.newClaim`, not `failed[2]`.
 */
export async function transactNamed<Name extends string>(
  client: DynamoDBDocumentClient,
  items: Record<Name, TransactItem>,
): Promise<TransactionOutcome<Name>> {
  const names = Object.keys(items) as Name[];
  try {
    await client.send(new TransactWriteCommand({ TransactItems: names.map((name) => items[name]) }));
    return { outcome: "committed" };
  } catch (error) {
    if (isContention(error)) return { outcome: "contention" };
    if ((error as Error).name !== "TransactionCanceledException") throw error;
    const reasons = (error as TransactionCanceledException).CancellationReasons ?? [];
    const failed: Partial<Record<Name, FailedCondition>> = {};
    reasons.forEach((reason, index) => {
      if (reason.Code === "ConditionalCheckFailed") failed[names[index]] = { oldItem: reason.Item };
    });
    return Object.keys(failed).length > 0
      ? { outcome: "condition-failed", failed }
      : { outcome: "contention" };
  }
}

/** Errors DynamoDB raises when a single-item write meets a transaction in flight or the table is throttled. */
export function isContention(error: unknown): boolean {
  const name = (error as Error | undefined)?.name;
  return (
    name === "TransactionConflictException" ||
    name === "ProvisionedThroughputExceededException" ||
    name === "ThrottlingException"
  );
}

/** Returned by an attempt that lost a race and should start over from a fresh read. */
export const TRY_AGAIN = Symbol("try again");

/**
 * How often a write that keeps losing races is attempted before the request gives up with a 409 the client may
 * retry. Each attempt re-reads, so the first attempts usually win; under heavy contention on one user more
 * attempts mostly add load (every loser's read and transaction) and hold the request longer.
 */
export const MAX_ATTEMPTS = 20;

export interface RetryOptions {
  /** @default MAX_ATTEMPTS */
  readonly maxAttempts?: number;
  /** The source of the backoff's jitter, numbers in [0, 1); tests pass a seeded one. @default Math.random */
  readonly random?: () => number;
}

/**
 * Runs `attempt` until it returns something other than `TRY_AGAIN`, at most `maxAttempts` times, with jittered
 * exponential backoff between attempts.
 * @throws ConcurrentUpdateError when every attempt lost a race: nothing was written, the client may retry later.
 */
export async function retryOnContention<T>(
  username: string,
  attempt: () => Promise<T | typeof TRY_AGAIN>,
  { maxAttempts = MAX_ATTEMPTS, random = Math.random }: RetryOptions = {},
): Promise<T> {
  for (let tries = 1; tries <= maxAttempts; tries++) {
    const result = await attempt();
    if (result !== TRY_AGAIN) return result;
    if (tries < maxAttempts) await backoff(tries, random);
  }
  throw new ConcurrentUpdateError(username);
}

/**
 * Full jitter, doubling from 20 ms up to 200 ms: contenders spread out instead of colliding again, and all the
 * waiting of one request stays under 4 s, well inside the function's 10 s timeout.
 */
function backoff(attempt: number, random: () => number): Promise<void> {
  const ceiling = Math.min(200, 20 * 2 ** (attempt - 1));
  return new Promise((resolve) => setTimeout(resolve, random() * ceiling));
}
