// `npm start`: starts the workload, serves it, and stops without leaving a process behind.
import { execFileSync, spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, symlinkSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { startSandboxProcess } from "../support/sandbox-process";
import { machineToken } from "../support/sandbox-users";

const javaPids = (pids: number[]) =>
  pids.filter((pid) => {
    try {
      return execFileSync("ps", ["-o", "args=", "-p", String(pid)], { encoding: "utf8" }).includes(
        "DynamoDBLocal",
      );
    } catch {
      return false;
    }
  });

describe("npm start", () => {
  it("serves the Users API on the port it prints to its issuer's clients, and leaves no Java process after SIGTERM", async () => {
    const sandbox = await startSandboxProcess();
    try {
      const authorization = `Bearer ${await machineToken(sandbox.url)}`;
      const created = await fetch(`${sandbox.url}/api/users`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization },
        body: JSON.stringify({ username: "alice", email: "alice@example.com" }),
      });
      expect(created.status).toBe(201);
      const listed = await (await fetch(`${sandbox.url}/api/users`, { headers: { authorization } })).json();
      expect(listed.items.map((user: { username: string }) => user.username)).toEqual(["alice"]);
      const java = javaPids(sandbox.descendants());
      expect(java).toHaveLength(1);
      // Before it is ready, it says what it does not run of the templates and what stands in.
      expect(sandbox.startOutput).toMatch(/AWS::Cognito::UserPool\b.* → the sandbox issuer/);
      expect(sandbox.startOutput).toMatch(/AWS::CloudWatch::Alarm\b.* → not run/);

      // stop() also fails if any process of the sandbox's group outlives it.
      expect(await sandbox.stop()).toBe(0);
      expect(java.filter(isAlive)).toEqual([]);
    } finally {
      await sandbox.stop();
    }
  }, 120_000);

  it("says in one line that the port is taken, and exits 1 without leaving Java running", async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    const { port } = blocker.address() as { port: number };
    // Marks every process this start spawns, so other test runs' DynamoDB Local on the machine do not count.
    const marker = `SANDBOX_TEST_RUN=${randomUUID()}`;
    try {
      const result = spawnSync("npm", ["start", "--silent"], {
        env: { ...process.env, PORT: String(port), SANDBOX_TEST_RUN: marker.split("=")[1] },
        encoding: "utf8",
        timeout: 60_000,
      });

      expect(result.status).toBe(1);
      expect(result.stderr.trim()).toBe(
        `sandbox: Port ${port} is already in use: stop what uses it or set PORT to another port.`,
      );
      expect(javaPids(allPids().filter((pid) => environmentOf(pid).includes(marker)))).toEqual([]);
    } finally {
      blocker.close();
    }
  }, 90_000);

  it("says in one line that Java is missing", () => {
    // A PATH with node and nothing else.
    const bin = mkdtempSync(join(tmpdir(), "no-java-"));
    symlinkSync(process.execPath, join(bin, "node"));

    const result = spawnSync(process.execPath, ["--import", "tsx", "sandbox/main.ts"], {
      env: { ...process.env, PATH: bin, PORT: "0" },
      encoding: "utf8",
      timeout: 60_000,
    });

    expect(result.status).toBe(1);
    const lines = result.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^sandbox: DynamoDB Local needs Java 17 or later on PATH/);
  });

  it("refuses a PORT that is not a port number", () => {
    const result = spawnSync(process.execPath, ["--import", "tsx", "sandbox/main.ts"], {
      env: { ...process.env, PORT: "http" },
      encoding: "utf8",
    });

    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe("sandbox: PORT must be a whole number from 0 to 65535, not 'http'.");
  });
});

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The process's environment, NUL-separated, or "" when it is gone or not ours to read. */
function environmentOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/environ`, "latin1");
  } catch {
    return "";
  }
}

function allPids(): number[] {
  return execFileSync("ps", ["-e", "-o", "pid="], { encoding: "utf8" })
    .split("\n")
    .filter(Boolean)
    .map(Number);
}
