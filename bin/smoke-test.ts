// Proves a deployment works end to end, from its stacks' outputs: an anonymous request is refused; then, signed
// in as the machine client, create a throw-away user through the Users API, read it back through the UI's
// distribution, ask the Chatbot API something, fetch the UI, check that the issuer offers its sign-in page to
// the UI's own sign-in request, delete the user. Exits 1 on the first failure.
// The pipeline runs it after production deploys; the tests run it against `npm start`.
//
// Inputs (environment): USERS_API_URL, CHATBOT_API_URL, USERS_UI_URL, TOKEN_ENDPOINT, MACHINE_CLIENT_ID, and the
// client's secret from one of two places:
// - the pipeline: SECRET_READER_ROLE_ARN and USER_POOL_ID — the secret is read from Cognito at run time through
//   that role, so it is in no template, no project variable and no log;
// - the sandbox (tests, local runs): MACHINE_CLIENT_SECRET, e.g. the sandbox issuer's `sandbox-admin-secret`.

import { createHash, randomBytes } from "node:crypto";
import {
  CognitoIdentityProviderClient,
  DescribeUserPoolClientCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import { READ_SCOPE, WRITE_SCOPE } from "../usermanagement/shared/runtime/access";
import type { SpaConfig } from "../usermanagement/users-ui/spa/config";

class SmokeTestFailure extends Error {}

function input(name: string): string {
  const value = process.env[name];
  if (!value) throw new SmokeTestFailure(`${name} is not set`);
  return value;
}

/** A base URL ending in `/`, so that relative paths resolve under it. */
const baseUrl = (name: string) => {
  const value = input(name);
  return value.endsWith("/") ? value : `${value}/`;
};

/** The machine client's secret: from the environment in a sandbox, else from Cognito through the reader role. */
async function clientSecret(clientId: string): Promise<string> {
  if (process.env.MACHINE_CLIENT_SECRET) return process.env.MACHINE_CLIENT_SECRET;
  const roleArn = input("SECRET_READER_ROLE_ARN");
  const userPoolId = input("USER_POOL_ID");
  const { Credentials: credentials } = await new STSClient({}).send(
    new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: "smoke-test", DurationSeconds: 900 }),
  );
  if (!credentials?.AccessKeyId || !credentials.SecretAccessKey) {
    throw new SmokeTestFailure(`assuming ${roleArn} returned no credentials`);
  }
  // A pool id starts with its region (`eu-west-1_AbC123`), which may differ from the pipeline's.
  const cognito = new CognitoIdentityProviderClient({
    region: userPoolId.split("_")[0],
    credentials: {
      accessKeyId: credentials.AccessKeyId,
      secretAccessKey: credentials.SecretAccessKey,
      sessionToken: credentials.SessionToken,
    },
  });
  const { UserPoolClient: client } = await cognito.send(
    new DescribeUserPoolClientCommand({ UserPoolId: userPoolId, ClientId: clientId }),
  );
  if (!client?.ClientSecret) throw new SmokeTestFailure(`the app client ${clientId} has no secret`);
  return client.ClientSecret;
}

/** An access token for the machine client (OAuth 2.0 client-credentials grant, RFC 6749 §4.4). */
async function machineToken(): Promise<string> {
  const clientId = input("MACHINE_CLIENT_ID");
  const tokenEndpoint = input("TOKEN_ENDPOINT");
  const secret = await clientSecret(clientId);
  const response = await fetch(tokenEndpoint, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      authorization: `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(secret)}`).toString("base64")}`,
    },
    body: new URLSearchParams({ grant_type: "client_credentials", scope: `${READ_SCOPE} ${WRITE_SCOPE}` }),
  });
  // Only the status: the body of a token response holds the token, of an error response nothing we need.
  if (response.status !== 200)
    throw new SmokeTestFailure(`sign in as the machine client: HTTP ${response.status}`);
  const { access_token: token } = (await response.json()) as { access_token?: string };
  if (!token) throw new SmokeTestFailure("sign in as the machine client: no access_token in the answer");
  console.log("ok  sign in as the machine client");
  return token;
}

async function expectStatus(response: Response, status: number, what: string): Promise<Response> {
  if (response.status !== status) {
    const body = (await response.text()).slice(0, 300);
    throw new SmokeTestFailure(`${what}: expected HTTP ${status}, got ${response.status}: ${body}`);
  }
  console.log(`ok  ${what} (${status})`);
  return response;
}

/**
 * Asks the issuer to sign someone in and come back to the UI, exactly as the SPA does (its `config.json` names
 * the issuer, the client and the scopes; the issuer's discovery document the authorization endpoint). A working
 * sign-in redirects to its sign-in page. A client that doesn't list the UI's URL (or a scope it is not allowed,
 * or a domain without managed login) answers with an error page, or a redirect back carrying `error`.
 */
async function expectSignInOffered(ui: string): Promise<void> {
  const what = "offer the sign-in page to the UI's sign-in request";
  const configResponse = await expectStatus(
    await fetch(new URL("config.json", ui)),
    200,
    "fetch the UI's config.json",
  );
  const config = (await configResponse.json()) as SpaConfig;
  const discovery = (await (
    await fetch(`${config.authority.replace(/\/$/, "")}/.well-known/openid-configuration`)
  ).json()) as { authorization_endpoint: string };
  const authorize = new URL(discovery.authorization_endpoint);
  authorize.search = new URLSearchParams({
    client_id: config.clientId,
    response_type: "code",
    scope: config.scope,
    redirect_uri: ui,
    state: randomBytes(8).toString("hex"),
    code_challenge: createHash("sha256").update(randomBytes(32)).digest("base64url"),
    code_challenge_method: "S256",
  }).toString();
  const response = await fetch(authorize, { redirect: "manual" });
  const location = response.headers.get("location") ?? "";
  const error = location.startsWith(ui) ? new URL(location).searchParams.get("error") : null;
  if (response.status < 300 || response.status >= 400 || error !== null) {
    throw new SmokeTestFailure(`${what}: HTTP ${response.status}${error ? ` with error=${error}` : ""}`);
  }
  console.log(`ok  ${what}`);
}

async function smokeTest(): Promise<void> {
  const usersApi = baseUrl("USERS_API_URL");
  const chatbotApi = baseUrl("CHATBOT_API_URL");
  const ui = baseUrl("USERS_UI_URL");
  await expectStatus(await fetch(`${usersApi}api/users`), 401, "refuse an anonymous request");

  const token = await machineToken();
  const signedIn = { authorization: `Bearer ${token}` };
  const json = { ...signedIn, "content-type": "application/json" };
  const username = `smoke-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  const email = `${username}@example.com`;

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
      await fetch(`${ui}api/users/${username}`, { headers: signedIn }),
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
    await expectSignInOffered(ui);
  } finally {
    await expectStatus(
      await fetch(`${usersApi}api/users/${username}`, { method: "DELETE", headers: signedIn }),
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
