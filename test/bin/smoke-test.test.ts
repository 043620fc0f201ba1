// The pipeline's post-deployment smoke test, run against the local sandbox: it passes on a working deployment
// and fails, saying why, on a broken one.
import { spawn } from "node:child_process";
import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SandboxProcess, startSandboxProcess } from "../support/sandbox-process";

let sandbox: SandboxProcess;
beforeAll(async () => {
  sandbox = await startSandboxProcess();
});
afterAll(async () => {
  await sandbox?.stop();
});

/** Runs the smoke test without blocking this process, which serves one of its targets in a test below. */
function smokeTest(
  env: Record<string, string>,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", "bin/smoke-test.ts"], {
      env: { ...process.env, ...env },
      timeout: 60_000,
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

describe("bin/smoke-test.ts", () => {
  it("passes against a working workload, and removes its throw-away user", async () => {
    const result = await smokeTest({
      USERS_API_URL: sandbox.url,
      CHATBOT_API_URL: sandbox.url,
      USERS_UI_URL: sandbox.url,
    });

    expect(result.status, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toContain("smoke test passed");
    const users = await (await fetch(`${sandbox.url}/api/users`)).json();
    expect(users.items).toEqual([]);
  });

  it("fails when the UI does not serve its page, still removing the user it created", async () => {
    const notTheUi: Server = createServer((_req, res) => res.writeHead(404).end("no UI here"));
    await new Promise<void>((resolve) => notTheUi.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = notTheUi.address() as { port: number };

      const result = await smokeTest({
        USERS_API_URL: sandbox.url,
        CHATBOT_API_URL: sandbox.url,
        USERS_UI_URL: `http://127.0.0.1:${port}`,
      });

      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(
        /smoke test failed: read it back through the UI's \/api\/users behaviour: expected HTTP 200, got 404/,
      );
      const users = await (await fetch(`${sandbox.url}/api/users`)).json();
      expect(users.items).toEqual([]);
    } finally {
      notTheUi.close();
    }
  });

  it("fails at once without its inputs", async () => {
    const result = await smokeTest({ USERS_API_URL: "", CHATBOT_API_URL: "", USERS_UI_URL: "" });

    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe("smoke test failed: USERS_API_URL is not set");
  });
});
