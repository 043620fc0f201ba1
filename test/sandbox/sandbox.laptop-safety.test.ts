// `npm start` is safe to run on a laptop: nothing it starts listens beyond this machine, and nothing it starts
// outlives it, even when its node process is killed without a chance to clean up.
import { describe, expect, it } from "vitest";
import {
  connectionOutcome,
  isLoopback,
  listeningSockets,
  networkAddresses,
} from "../support/listening-sockets";
import { commandOf, isAlive } from "../support/processes";
import { startSandboxProcess } from "../support/sandbox-process";

describe("npm start on a laptop", () => {
  it("listens on loopback only, DynamoDB Local included, and leaves no process behind when its node process is SIGKILLed", async () => {
    const sandbox = await startSandboxProcess();
    try {
      const processes = sandbox.descendants();
      const sockets = listeningSockets(processes);
      const commands = new Set(sockets.map((socket) => commandOf(socket.pid)));
      expect([...commands].some((command) => command.includes("DynamoDBLocal"))).toBe(true);
      expect(sockets.filter((socket) => !isLoopback(socket.address))).toEqual([]);
      for (const host of networkAddresses())
        for (const { port } of sockets)
          expect([host, port, await connectionOutcome(host, port)]).toEqual([host, port, "ECONNREFUSED"]);

      const node = processes.find((pid) => commandOf(pid).includes("sandbox/main.ts"));
      expect(node).toBeDefined();
      process.kill(node as number, "SIGKILL");

      await expect.poll(() => processes.filter(isAlive), { timeout: 15_000, interval: 200 }).toEqual([]);
    } finally {
      await sandbox.stop().catch(() => undefined);
    }
  }, 120_000);
});
