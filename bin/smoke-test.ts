// Proves a deployment works end to end, from its stacks' outputs: create a throw-away user through the Users
// API, read it back through the UI's distribution, ask the Chatbot API something, fetch the UI, delete the user.
// Exits 1 on the first failure. The pipeline runs it after production deploys; it runs against `npm start` too.
export {};

const required = (name: string) => {
  const value = process.env[name];
  if (!value) throw new SmokeTestFailure(`${name} is not set`);
  return value.endsWith("/") ? value : `${value}/`;
};

class SmokeTestFailure extends Error {}

async function expectStatus(response: Response, status: number, what: string): Promise<Response> {
  if (response.status !== status) {
    const body = (await response.text()).slice(0, 300);
    throw new SmokeTestFailure(`${what}: expected HTTP ${status}, got ${response.status}: ${body}`);
  }
  console.log(`ok  ${what} (${status})`);
  return response;
}

async function smokeTest(): Promise<void> {
  const usersApi = required("USERS_API_URL");
  const chatbotApi = required("CHATBOT_API_URL");
  const ui = required("USERS_UI_URL");
  const username = `smoke-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  const email = `${username}@example.com`;
  const json = { "content-type": "application/json" };

  await expectStatus(
    await fetch(`${usersApi}api/users`, {
      method: "POST",
      headers: json,
      body: JSON.stringify({ username, email }),
    }),
    201,
    "create a user through the Users API",
  );
  try {
    const read = await expectStatus(
      await fetch(`${ui}api/users/${username}`),
      200,
      "read it back through the UI's /api/users behaviour",
    );
    const user = (await read.json()) as { email?: string };
    if (user.email !== email) throw new SmokeTestFailure(`read back email ${user.email}, expected ${email}`);

    const chat = await expectStatus(
      await fetch(`${chatbotApi}api/chat`, {
        method: "POST",
        headers: json,
        body: JSON.stringify({ sessionId: username, text: `show me ${username}` }),
      }),
      200,
      "ask the Chatbot API",
    );
    const answer = (await chat.json()) as { sessionState?: { intent?: { name?: string } } };
    if (answer.sessionState?.intent?.name !== "GetUser") {
      throw new SmokeTestFailure(
        `the chatbot understood ${answer.sessionState?.intent?.name}, expected GetUser`,
      );
    }

    const page = await expectStatus(await fetch(ui), 200, "fetch the UI's index.html");
    if (!(page.headers.get("content-type") ?? "").startsWith("text/html")) {
      throw new SmokeTestFailure(`the UI answered ${page.headers.get("content-type")}, expected text/html`);
    }
  } finally {
    await expectStatus(
      await fetch(`${usersApi}api/users/${username}`, { method: "DELETE" }),
      204,
      "delete the throw-away user",
    );
  }
}

try {
  await smokeTest();
  console.log("smoke test passed");
} catch (error) {
  console.error(`smoke test failed: ${(error as Error).message}`);
  process.exit(1);
}
