// When an invocation fails, the caller gets the function error Lambda reports, and an environment that timed out
// or whose runtime exited is gone (the next invocation gets a fresh one) while the others run on.
import { describe, expect, it } from "vitest";
import { payloadOf, probeFunction, probeServicePerTest } from "../../support/lambda-probe";
import { isAlive } from "../../support/processes";

interface Probe {
  pid: number;
  invocations: number;
  requestId: string;
}

const start = probeServicePerTest();

describe("a failing invocation", () => {
  it("that throws answers the error's name and message, and keeps its warm environment", async () => {
    const { service } = await start([probeFunction()]);
    const before = payloadOf<Probe>(await service.invoke("Probe", {}));

    const result = await service.invoke("Probe", { tag: "x", misbehave: "throw" });

    expect(result).toEqual({ outcome: "error", errorType: "RangeError", errorMessage: "refused x" });
    expect(payloadOf<Probe>(await service.invoke("Probe", {}))).toMatchObject({
      pid: before.pid,
      invocations: 3,
    });
  });

  it("that outlasts the function's timeout is stopped with Sandbox.Timedout, and the next one starts afresh", async () => {
    const { service, lines } = await start([probeFunction({ timeoutSeconds: 1 })]);
    const before = payloadOf<Probe>(await service.invoke("Probe", {}));

    const result = await service.invoke("Probe", { sleepMs: 5000 });

    expect(result).toMatchObject({
      outcome: "error",
      errorType: "Sandbox.Timedout",
      errorMessage: expect.stringMatching(
        /^RequestId: [0-9a-f-]{36} Error: Task timed out after 1\.\d\d seconds$/,
      ),
    });
    expect(lines.map((record) => record.line)).toContainEqual(
      expect.stringMatching(/ Task timed out after 1\.\d\d seconds$/),
    );
    expect(lines.at(-1)?.line).toMatch(/\tStatus: timeout\t$/);
    const after = payloadOf<Probe>(await service.invoke("Probe", {}));
    expect(after.pid).not.toBe(before.pid);
    expect(after.invocations).toBe(1);
  });

  it("whose runtime exits answers Runtime.ExitError and ends only its own environment", async () => {
    const { service } = await start([probeFunction()]);
    const [survivor, doomed] = (
      await Promise.all([1, 2].map(() => service.invoke("Probe", { sleepMs: 200 })))
    ).map((result) => payloadOf<Probe>(result));

    const results = await Promise.all([
      service.invoke("Probe", { misbehave: "exit", sleepMs: 100 }),
      service.invoke("Probe", { sleepMs: 300 }),
    ]);

    expect(results[0]).toMatchObject({
      outcome: "error",
      errorType: "Runtime.ExitError",
      errorMessage: expect.stringMatching(
        /^RequestId: [0-9a-f-]{36} Error: Runtime exited with error: exit status 7$/,
      ),
    });
    // The other environment kept its module state.
    expect(payloadOf<Probe>(results[1]).invocations).toBe(2);
    expect([survivor.pid, doomed.pid]).toContain(payloadOf<Probe>(results[1]).pid);
  });

  it("that leaves a promise rejection unhandled ends its environment, as Lambda's runtime exits on one", async () => {
    const { service, lines } = await start([probeFunction()]);

    const { pid } = payloadOf<Probe>(await service.invoke("Probe", { misbehave: "reject-later" }));

    // The rejection lands after the response: the environment goes, and the next invocation starts a fresh one.
    await expect.poll(() => isAlive(pid), { timeout: 10_000, interval: 50 }).toBe(false);
    expect(lines.map((record) => record.line)).toContainEqual(
      expect.stringMatching(
        /\tERROR\tUnhandled Promise Rejection \t\{"errorType":"Runtime.UnhandledPromiseRejection","errorMessage":"Error: too late"/,
      ),
    );
    expect(payloadOf<Probe>(await service.invoke("Probe", {})).invocations).toBe(1);
  });

  it("that outgrows the function's memory size ends its environment with Runtime.ExitError", async () => {
    const { service } = await start([probeFunction({ memorySizeMb: 128 })]);

    const result = await service.invoke("Probe", { misbehave: "exhaust-memory" });

    expect(result).toMatchObject({ outcome: "error", errorType: "Runtime.ExitError" });
  });
});

describe("a function whose handler cannot be loaded", () => {
  it("fails every invocation with the runtime's Init error", async () => {
    const { service } = await start([
      probeFunction({ handler: "missing.handler" }),
      probeFunction({ functionName: "Unexported", handler: "index.nothing" }),
    ]);

    expect(await service.invoke("Probe", {})).toEqual({
      outcome: "error",
      errorType: "Runtime.ImportModuleError",
      errorMessage: "Error: Cannot find module 'missing'",
    });
    expect(await service.invoke("Unexported", {})).toEqual({
      outcome: "error",
      errorType: "Runtime.HandlerNotFound",
      errorMessage: "index.nothing is undefined or not exported",
    });
  });
});
