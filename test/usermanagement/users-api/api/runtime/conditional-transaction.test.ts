// Transactions with named items and the bounded retry: DynamoDB's cancellation reasons read back by name, every
// kind of contention retried, anything else thrown, and the backoff between attempts as documented. DynamoDB's
// answers are its documented error shapes here; user-store.test.ts meets the same ones from DynamoDB Local.
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  isContention,
  retryOnContention,
  TRY_AGAIN,
  transactNamed,
} from "../../../../../usermanagement/users-api/api/runtime/conditional-transaction";
import { ConcurrentUpdateError } from "../../../../../usermanagement/users-api/api/runtime/user-errors";

const ITEMS = {
  user: { Put: { TableName: "Users", Item: { pk: "USER#alice" } } },
  oldClaim: { Delete: { TableName: "Users", Key: { pk: "EMAIL#a@example.com" } } },
  newClaim: { Put: { TableName: "Users", Item: { pk: "EMAIL#b@example.com" } } },
};

/** A client whose one transaction gets `answer`: nothing (committed) or the error DynamoDB would raise. */
function clientAnswering(answer?: Error) {
  const sent: unknown[] = [];
  const client = {
    send: async (command: { input: unknown }) => {
      sent.push(command.input);
      if (answer) throw answer;
      return {};
    },
  } as unknown as DynamoDBDocumentClient;
  return { client, sent };
}

const awsError = (name: string, fields: object = {}) => Object.assign(new Error(name), { name, ...fields });
const cancelled = (...codes: (string | { Code: string; Item?: object })[]) =>
  awsError("TransactionCanceledException", {
    CancellationReasons: codes.map((code) => (typeof code === "string" ? { Code: code } : code)),
  });

describe("transactNamed", () => {
  it("sends the items as one transaction in the order they are named, and reports the commit", async () => {
    const { client, sent } = clientAnswering();

    expect(await transactNamed(client, ITEMS)).toEqual({ outcome: "committed" });
    expect(sent).toEqual([{ TransactItems: [ITEMS.user, ITEMS.oldClaim, ITEMS.newClaim] }]);
  });

  it("names exactly the items whose condition failed, with the item as it was", async () => {
    const oldItem = { pk: { S: "EMAIL#b@example.com" }, username: { S: "bob" } };
    const { client } = clientAnswering(
      cancelled("None", "ConditionalCheckFailed", { Code: "ConditionalCheckFailed", Item: oldItem }),
    );

    expect(await transactNamed(client, ITEMS)).toEqual({
      outcome: "condition-failed",
      failed: { oldClaim: { oldItem: undefined }, newClaim: { oldItem } },
    });
  });

  it.each([
    ["a cancellation for a conflicting transaction", cancelled("None", "TransactionConflict", "None")],
    ["a cancellation for throttling", cancelled("ThrottlingError", "None", "None")],
    ["a cancellation without reasons", awsError("TransactionCanceledException")],
    ["TransactionConflictException", awsError("TransactionConflictException")],
    ["ProvisionedThroughputExceededException", awsError("ProvisionedThroughputExceededException")],
    ["ThrottlingException", awsError("ThrottlingException")],
  ])("reads %s as contention, worth another attempt", async (_case, error) => {
    expect(await transactNamed(clientAnswering(error).client, ITEMS)).toEqual({ outcome: "contention" });
  });

  it("throws any other error as it came", async () => {
    const error = awsError("ValidationException");

    await expect(transactNamed(clientAnswering(error).client, ITEMS)).rejects.toBe(error);
  });
});

describe("isContention", () => {
  it.each([
    ["TransactionConflictException", true],
    ["ProvisionedThroughputExceededException", true],
    ["ThrottlingException", true],
    ["ConditionalCheckFailedException", false],
    ["TransactionCanceledException", false],
    ["ResourceNotFoundException", false],
  ])("judges %s: %s", (name, contention) => {
    expect(isContention(awsError(name))).toBe(contention);
  });

  it("judges something that is no error at all: false", () => {
    expect(isContention(undefined)).toBe(false);
    expect(isContention("ThrottlingException")).toBe(false);
  });
});

describe("retryOnContention", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  /** Runs `retryOnContention` on fake timers, noting when each attempt started. */
  async function run(answers: unknown[], options: { maxAttempts?: number; random?: () => number }) {
    vi.useFakeTimers();
    const started: number[] = [];
    const attempt = async () => {
      started.push(Date.now());
      return answers.length > 1 ? answers.shift() : answers[0];
    };
    const outcome: Promise<{ value?: unknown; error?: unknown }> = retryOnContention(
      "alice",
      attempt,
      options,
    ).then(
      (value) => ({ value }),
      (error: unknown) => ({ error }),
    );
    let settledAt = Number.NaN;
    void outcome.then(() => {
      settledAt = Date.now();
    });
    await vi.runAllTimersAsync();
    return {
      ...(await outcome),
      waits: started.slice(1).map((at, i) => at - started[i]),
      /** How long it took from the last attempt's start to the answer. */
      afterLast: settledAt - (started.at(-1) ?? Number.NaN),
    };
  }

  it("returns the first answer that is not TRY_AGAIN, after as many attempts as it took", async () => {
    const { value, waits } = await run([TRY_AGAIN, TRY_AGAIN, "written"], { random: () => 0.5 });

    expect(value).toBe("written");
    expect(waits).toHaveLength(2);
  });

  it("returns falsy answers too: only TRY_AGAIN means another attempt", async () => {
    expect((await run([undefined], {})).value).toBeUndefined();
    expect((await run([0], {})).value).toBe(0);
  });

  it("gives up after 20 attempts by default, with ConcurrentUpdateError naming the user", async () => {
    const { error, waits } = await run([TRY_AGAIN], { random: () => 0 });

    expect(error).toBeInstanceOf(ConcurrentUpdateError);
    expect(error).toMatchObject({ username: "alice" });
    expect(waits).toHaveLength(19);
  });

  it("makes exactly maxAttempts attempts, and waits only between them", async () => {
    const { error, waits, afterLast } = await run([TRY_AGAIN], { maxAttempts: 3, random: () => 0.5 });

    expect(error).toBeInstanceOf(ConcurrentUpdateError);
    expect(waits).toEqual([10, 20]);
    // No wait after the last attempt: the client hears at once that it may retry.
    expect(afterLast).toBe(0);
  });

  it("waits a random share of a ceiling that doubles from 20 ms and stops at 200 ms", async () => {
    const { waits } = await run([TRY_AGAIN], { maxAttempts: 8, random: () => 0.5 });

    expect(waits).toEqual([10, 20, 40, 80, 100, 100, 100]);
  });

  it("takes the share from the random source it is given", async () => {
    const shares = [0.25, 0.75, 0];
    const { waits } = await run([TRY_AGAIN], { maxAttempts: 4, random: () => shares.shift() ?? 1 });

    expect(waits).toEqual([5, 30, 0]);
  });
});
