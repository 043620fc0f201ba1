// Lambda's execution model: each invocation runs alone in an execution environment of its function, warm ones
// are reused, new ones start on demand with their own module state, and concurrency is capped as Lambda caps it.
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { payloadOf, probeFunction, probeService, probeServicePerTest } from "../../support/lambda-probe";
import { isAlive } from "../../support/processes";

interface Probe {
  pid: number;
  invocations: number;
  requestId: string;
}

const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url));

const start = probeServicePerTest();

describe("the sandbox's Lambda", () => {
  it("reuses a warm environment: same process, module state kept, no second Init", async () => {
    const { service, lines } = await start([probeFunction()]);

    const first = payloadOf<Probe>(await service.invoke("Probe", {}));
    const second = payloadOf<Probe>(await service.invoke("Probe", {}));

    expect(second.pid).toBe(first.pid);
    expect([first.invocations, second.invocations]).toEqual([1, 2]);
    const reports = lines.filter((record) => record.line.startsWith("REPORT"));
    expect(reports.map((record) => /Init Duration: \d+\.\d\d ms/.test(record.line))).toEqual([true, false]);
  });

  it("runs concurrent invocations in separate environments, each with its own module state and logger context", async () => {
    const { service, lines } = await start([probeFunction()]);
    const tags = ["a", "b", "c"];

    const results = await Promise.all(tags.map((tag) => service.invoke("Probe", { tag, sleepMs: 300 })));

    const probes = results.map((result) => payloadOf<Probe>(result));
    expect(new Set(probes.map((probe) => probe.pid)).size).toBe(3);
    expect(probes.map((probe) => probe.invocations)).toEqual([1, 1, 1]);
    // Powertools' Logger keeps the request id per module: in one shared process the three would overwrite it.
    const logged = lines
      .map((record) => record.line)
      .filter((line) => line.startsWith("{"))
      .map((line) => JSON.parse(line))
      .filter((entry) => entry.message === "probed");
    const requestIdByTag = Object.fromEntries(logged.map((entry) => [entry.tag, entry.function_request_id]));
    expect(requestIdByTag).toEqual(Object.fromEntries(tags.map((tag, i) => [tag, probes[i].requestId])));
  });

  it("logs each invocation between START and a REPORT in Lambda's shape, in the environment's log stream", async () => {
    const { service, lines } = await start([probeFunction()]);

    const { requestId, logStreamName } = payloadOf<Probe & { logStreamName: string }>(
      await service.invoke("Probe", {}),
    );

    const own = lines.filter((record) => record.logStreamName === logStreamName);
    expect(own.map((record) => record.source)).toEqual(["platform", "function", "platform", "platform"]);
    expect(own[0].line).toBe(`START RequestId: ${requestId} Version: $LATEST`);
    expect(own[2].line).toBe(`END RequestId: ${requestId}`);
    expect(own[3].line).toMatch(
      new RegExp(
        `^REPORT RequestId: ${requestId}\\tDuration: \\d+\\.\\d\\d ms\\tBilled Duration: \\d+ ms\\tMemory Size: 256 MB\\t` +
          "Max Memory Used: \\d+ MB\\tInit Duration: \\d+\\.\\d\\d ms\\t$",
      ),
    );
    expect(logStreamName).toMatch(/^\d{4}\/\d{2}\/\d{2}\/\[\$LATEST\][0-9a-f]{32}$/);
  });

  it("writes console output and the platform's records as JSON when the function's log format is JSON", async () => {
    const { service, lines } = await start([probeFunction({ logFormat: "JSON" })]);

    await service.invoke("Probe", { misbehave: "throw", tag: "t" });
    const { requestId } = payloadOf<Probe>(await service.invoke("Probe", {}));

    const records = lines.map((record) => JSON.parse(record.line));
    expect(records).toContainEqual(
      expect.objectContaining({
        level: "ERROR",
        message: expect.objectContaining({ errorType: "RangeError", errorMessage: "refused t" }),
      }),
    );
    expect(
      records.filter((record) => record.record?.requestId === requestId).map((record) => record.type),
    ).toEqual(["platform.start", "platform.report"]);
  });

  it("throttles an invocation beyond the function's reserved concurrency", async () => {
    const { service } = await start([probeFunction({ reservedConcurrency: 1 })], {
      accountConcurrencyLimit: 101,
    });

    const [first, second] = await Promise.all([
      service.invoke("Probe", { sleepMs: 500 }),
      service.invoke("Probe", { sleepMs: 500 }),
    ]);

    expect(first.outcome).toBe("success");
    expect(second).toEqual({
      outcome: "throttled",
      errorType: "TooManyRequestsException",
      reason: "ReservedFunctionConcurrentInvocationLimitExceeded",
    });
    expect((await service.invoke("Probe", {})).outcome).toBe("success");
  });

  it("throttles functions without a reservation when the account's unreserved concurrency is in use", async () => {
    const { service } = await start([probeFunction(), probeFunction({ functionName: "Other" })], {
      accountConcurrencyLimit: 2,
    });

    const results = await Promise.all([
      service.invoke("Probe", { sleepMs: 500 }),
      service.invoke("Other", { sleepMs: 500 }),
      service.invoke("Other", { sleepMs: 500 }),
    ]);

    expect(results.map((result) => result.outcome).sort()).toEqual(["success", "success", "throttled"]);
    expect(results.find((result) => result.outcome === "throttled")).toMatchObject({
      reason: "ConcurrentInvocationLimitExceeded",
    });
  });

  it("refuses to start with a reservation Lambda would refuse: fewer than 100 left unreserved", async () => {
    await expect(
      probeService([probeFunction({ reservedConcurrency: 5 })], { accountConcurrencyLimit: 10 }),
    ).rejects.toThrow("decreases account's UnreservedConcurrentExecution below its minimum value of [100]");
  });

  it("stops idle environments after their time to live, and starts a fresh one on the next invocation", async () => {
    const { service } = await start([probeFunction()], { idleEnvironmentTtlMs: 200 });
    const first = payloadOf<Probe>(await service.invoke("Probe", {}));

    await expect.poll(() => isAlive(first.pid), { timeout: 5000, interval: 100 }).toBe(false);

    const next = payloadOf<Probe>(await service.invoke("Probe", {}));
    expect(next.invocations).toBe(1);
  });

  it("ends its environments' processes when the process running it is killed with SIGKILL", async () => {
    const sandbox = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        "--eval",
        `const { probeFunction, probeService } = await import("./test/support/lambda-probe.ts");
         const { service } = await probeService([probeFunction()]);
         const results = await Promise.all([1, 2].map(() => service.invoke("Probe", { sleepMs: 200 })));
         console.log(JSON.stringify(results.map((result) => result.payload.pid)));`,
      ],
      { cwd: REPO_ROOT, stdio: ["ignore", "pipe", "inherit"] },
    );
    const pids = await new Promise<number[]>((resolve, reject) => {
      createInterface({ input: sandbox.stdout as NodeJS.ReadableStream }).on("line", (line) => {
        if (line.startsWith("[")) resolve(JSON.parse(line));
      });
      sandbox.once("exit", (code) => reject(new Error(`the sandbox exited with ${code} before invoking`)));
    });
    expect(pids.map(isAlive)).toEqual([true, true]);

    sandbox.kill("SIGKILL");

    await expect.poll(() => pids.filter(isAlive), { timeout: 10_000, interval: 100 }).toEqual([]);
  }, 60_000);

  it("ends every environment's process when stopped", async () => {
    const { service } = await start([probeFunction()]);
    const probes = (await Promise.all([1, 2].map(() => service.invoke("Probe", { sleepMs: 200 })))).map(
      (result) => payloadOf<Probe>(result),
    );

    await service.stop();

    expect(probes.map((probe) => isAlive(probe.pid))).toEqual([false, false]);
  });
});
