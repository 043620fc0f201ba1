// The pipeline's post-deployment smoke test, run against the local sandbox (signing in with the sandbox issuer's
// machine client): it passes on a working deployment and fails, saying why, on a broken one.
import { spawn } from "node:child_process";
import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SandboxProcess, startSandboxProcess } from "../support/sandbox-process";

let sandbox: SandboxProcess;
/** The sign-in inputs for the sandbox: its issuer's token endpoint and write-scoped machine client. */
let signIn: Record<string, string>;
beforeAll(async () => {
  sandbox = await startSandboxProcess();
  // The issuer is the SPA's authority; its discovery document names the token endpoint.
  const { authority } = (await (await fetch(`${sandbox.url}/config.json`)).json()) as { authority: string };
  const discovery = await (
    await fetch(`${authority.replace(/\/$/, "")}/.well-known/openid-configuration`)
  ).json();
  signIn = {
    TOKEN_ENDPOINT: discovery.token_endpoint,
    MACHINE_CLIENT_ID: "sandbox-admin-client",
    MACHINE_CLIENT_SECRET: "sandbox-admin-secret",
  };
});
afterAll(async () => {
  await sandbox?.stop();
});

/** The users left in the sandbox, read as an admin machine would. */
async function listUsers(): Promise<unknown[]> {
  const token = await (
    await fetch(signIn.TOKEN_ENDPOINT, {
      method: "POST",
      headers: {
        authorization: `Basic ${btoa(`${signIn.MACHINE_CLIENT_ID}:${signIn.MACHINE_CLIENT_SECRET}`)}`,
      },
      body: new URLSearchParams({ grant_type: "client_credentials" }),
    })
  ).json();
  const users = await fetch(`${sandbox.url}/api/users`, {
    headers: { authorization: `Bearer ${token.access_token}` },
  });
  return (await users.json()).items;
}

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
  it("passes against a working workload, removes its throw-away user, and never prints the secret or a token", async () => {
    const result = await smokeTest({
      ...signIn,
      USERS_API_URL: sandbox.url,
      CHATBOT_API_URL: sandbox.url,
      USERS_UI_URL: sandbox.url,
    });

    expect(result.status, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toContain("ok  refuse an anonymous request (401)");
    expect(result.stdout).toContain("ok  offer the sign-in page to the UI's sign-in request");
    expect(result.stdout).toContain("smoke test passed");
    expect(await listUsers()).toEqual([]);
    expect(result.stdout + result.stderr).not.toContain(signIn.MACHINE_CLIENT_SECRET);
    expect(result.stdout + result.stderr).not.toMatch(/eyJ[\w-]+\.[\w-]+/);
  });

  it("fails when the UI does not serve its page, still removing the user it created", async () => {
    const notTheUi: Server = createServer((_req, res) => res.writeHead(404).end("no UI here"));
    await new Promise<void>((resolve) => notTheUi.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = notTheUi.address() as { port: number };

      const result = await smokeTest({
        ...signIn,
        USERS_API_URL: sandbox.url,
        CHATBOT_API_URL: sandbox.url,
        USERS_UI_URL: `http://127.0.0.1:${port}`,
      });

      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(
        /smoke test failed: read it back through the UI's \/api\/users behaviour: expected HTTP 200, got 404/,
      );
      expect(await listUsers()).toEqual([]);
    } finally {
      notTheUi.close();
    }
  });

  it("fails when the SPA's client does not accept the UI's URL, so no one could sign in, still removing its user", async () => {
    // The sandbox's UI at an address its SPA client doesn't list: what a client rewritten without it looks like.
    const unregisteredUi: Server = createServer(async (req, res) => {
      const upstream = await fetch(`${sandbox.url}${req.url}`, {
        headers: { authorization: req.headers.authorization ?? "" },
      });
      res.writeHead(upstream.status, { "content-type": upstream.headers.get("content-type") ?? "" });
      res.end(Buffer.from(await upstream.arrayBuffer()));
    });
    await new Promise<void>((resolve) => unregisteredUi.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = unregisteredUi.address() as { port: number };

      const result = await smokeTest({
        ...signIn,
        USERS_API_URL: sandbox.url,
        CHATBOT_API_URL: sandbox.url,
        USERS_UI_URL: `http://127.0.0.1:${port}`,
      });

      expect(result.status).toBe(1);
      expect(result.stderr.trim()).toBe(
        "smoke test failed: offer the sign-in page to the UI's sign-in request: HTTP 400",
      );
      expect(await listUsers()).toEqual([]);
    } finally {
      unregisteredUi.close();
    }
  });

  it("fails, saying so, when the Users API lets an anonymous request through, before it signs in", async () => {
    const openDoor: Server = createServer((_req, res) =>
      res.writeHead(200, { "content-type": "application/json" }).end('{"items":[]}'),
    );
    await new Promise<void>((resolve) => openDoor.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = openDoor.address() as { port: number };

      const result = await smokeTest({
        ...signIn,
        USERS_API_URL: `http://127.0.0.1:${port}`,
        CHATBOT_API_URL: sandbox.url,
        USERS_UI_URL: sandbox.url,
      });

      expect(result.status).toBe(1);
      expect(result.stderr.trim()).toBe(
        'smoke test failed: refuse an anonymous request: expected HTTP 401, got 200: {"items":[]}',
      );
      expect(result.stdout).not.toContain("sign in");
    } finally {
      openDoor.close();
    }
  });

  it("fails at once without its inputs", async () => {
    const result = await smokeTest({ USERS_API_URL: "", CHATBOT_API_URL: "", USERS_UI_URL: "" });

    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe("smoke test failed: USERS_API_URL is not set");
  });

  it("fails without a way to the client's secret: neither the secret nor the role to read it", async () => {
    const result = await smokeTest({
      ...signIn,
      MACHINE_CLIENT_SECRET: "",
      SECRET_READER_ROLE_ARN: "",
      USERS_API_URL: sandbox.url,
      CHATBOT_API_URL: sandbox.url,
      USERS_UI_URL: sandbox.url,
    });

    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe("smoke test failed: SECRET_READER_ROLE_ARN is not set");
  });
});
