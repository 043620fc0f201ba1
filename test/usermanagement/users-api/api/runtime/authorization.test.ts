// Who may change users: administrators and write-scoped machines; everyone else signed in only reads. Through
// the real handler and DynamoDB Local, with the claims API Gateway passes, from Cognito-shaped tokens and from
// the sandbox issuer's real ones.
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  createJwtAuthorizer,
  type JwtAuthorizerContext,
} from "../../../../../sandbox/api-gateway/jwt-authorizer";
import { type RunningIssuer, startIssuer } from "../../../../../sandbox/issuer/issuer";
import {
  ADMINS_GROUP,
  accessOf,
  READ_SCOPE,
  WRITE_SCOPE,
} from "../../../../../usermanagement/shared/runtime/access";
import { ADMIN, READ_MACHINE, VIEWER, WRITE_MACHINE } from "../../../../support/identities";
import { clientCredentials, IssuerSession } from "../../../../support/issuer-client";
import { type UsersApiUnderTest, usersApiUnderTest } from "../../../../support/users-api-client";

const eventWith = (authorizer?: object) =>
  ({ requestContext: authorizer ? { authorizer } : {} }) as unknown as APIGatewayProxyEventV2;

const WRITES = [
  { method: "POST", url: "/api/users", body: { username: "bob", email: "bob@example.com" }, status: 201 },
  { method: "PATCH", url: "/api/users/alice", body: { displayName: "Alice L." }, status: 200 },
  { method: "PUT", url: "/api/users/alice", body: { displayName: "Alice L." }, status: 200 },
  { method: "DELETE", url: "/api/users/alice", body: undefined, status: 204 },
] as const;

let api: UsersApiUnderTest;
beforeEach(async () => {
  api = await usersApiUnderTest();
  await api.request("POST", "/api/users", {
    body: { username: "alice", email: "alice@example.com" },
    as: ADMIN,
  });
});

describe.each([
  ["a viewer", VIEWER],
  ["a read-only machine client", READ_MACHINE],
])("%s", (_who, caller) => {
  it.each(WRITES)("is refused $method $url with 403 problem+json and nothing changes", async (write) => {
    const before = await api.tableContents();

    const response = await api.request(write.method, write.url, { body: write.body, as: caller });

    expect(response.status).toBe(403);
    expect(response.headers["content-type"]).toBe("application/problem+json");
    expect(response.json).toMatchObject({ status: 403, type: expect.stringMatching(/:forbidden$/) });
    expect(await api.tableContents()).toEqual(before);
  });

  it("reads the list and a user", async () => {
    const list = await api.request("GET", "/api/users", { as: caller });
    const one = await api.request("GET", "/api/users/alice", { as: caller });

    expect(list.status).toBe(200);
    expect(list.json.items.map((u: { username: string }) => u.username)).toEqual(["alice"]);
    expect(one.status).toBe(200);
  });

  it("still gets 405 for a method the path does not serve, not 403", async () => {
    const response = await api.request("POST", "/api/users/alice", { body: {}, as: caller });

    expect(response.status).toBe(405);
  });
});

describe.each([
  ["an administrator", ADMIN],
  ["a write-scoped machine client", WRITE_MACHINE],
])("%s", (_who, caller) => {
  it.each(WRITES)("may $method $url", async (write) => {
    const response = await api.request(write.method, write.url, { body: write.body, as: caller });

    expect(response.status).toBe(write.status);
  });
});

describe("reading the claims", () => {
  it.each([
    ["API Gateway's rendering of one group", { "cognito:groups": `[${ADMINS_GROUP}]` }, true],
    ["API Gateway's rendering of several groups", { "cognito:groups": `[auditors ${ADMINS_GROUP}]` }, true],
    ["a real list (a direct invocation)", { "cognito:groups": [ADMINS_GROUP] }, true],
    ["a group whose name only contains admins", { "cognito:groups": "[admins-old superadmins]" }, false],
    ["Cognito's space-separated scope with the write scope", { scope: `${READ_SCOPE} ${WRITE_SCOPE}` }, true],
    ["the read scope only", { scope: READ_SCOPE }, false],
    ["no groups and no scope", { username: "viewer" }, false],
  ])("judges %s", (_what, claims, mayChange) => {
    expect(accessOf(eventWith({ jwt: { claims, scopes: null } })).mayChangeUsers).toBe(mayChange);
  });

  it("counts the write scope when API Gateway lists it in scopes", () => {
    expect(accessOf(eventWith({ jwt: { claims: {}, scopes: [WRITE_SCOPE] } })).mayChangeUsers).toBe(true);
  });

  it("lets nobody change users when the event has no authorizer at all", () => {
    expect(accessOf(eventWith()).mayChangeUsers).toBe(false);
  });
});

describe("the same roles from the sandbox issuer's tokens as from Cognito's", () => {
  const UI_URL = "http://127.0.0.1:3999";
  let issuer: RunningIssuer;
  let contextOf: (token: string) => Promise<JwtAuthorizerContext>;
  beforeAll(async () => {
    issuer = await startIssuer({ uiUrl: UI_URL });
    const authorize = createJwtAuthorizer(issuer.rules);
    contextOf = async (token) => {
      const decision = await authorize({ authorization: `Bearer ${token}` });
      if (!decision.ok) throw new Error(`token refused: ${decision.response.headers["www-authenticate"]}`);
      return decision.context;
    };
  });
  afterAll(() => issuer?.stop());

  const signedIn = async (username: string, password: string) =>
    (await new IssuerSession(issuer.url).signIn(`${UI_URL}/`, username, password)).json.access_token;
  const machine = async (clientId: string, secret: string) =>
    (await clientCredentials(issuer.url, clientId, secret)).json.access_token;

  it.each([
    ["admin", () => signedIn("admin", "admin-password"), ADMIN, true],
    ["viewer", () => signedIn("viewer", "viewer-password"), VIEWER, false],
    [
      "sandbox-admin-client",
      () => machine("sandbox-admin-client", "sandbox-admin-secret"),
      WRITE_MACHINE,
      true,
    ],
    [
      "sandbox-viewer-client",
      () => machine("sandbox-viewer-client", "sandbox-viewer-secret"),
      READ_MACHINE,
      false,
    ],
  ])("%s", async (_who, token, cognitoContext, mayChange) => {
    const sandboxContext = await contextOf(await token());

    expect(accessOf(eventWith(sandboxContext)).mayChangeUsers).toBe(mayChange);
    expect(accessOf(eventWith(cognitoContext)).mayChangeUsers).toBe(mayChange);
    const claimNames = ["token_use", "username", "cognito:groups", "scope", "client_id"] as const;
    for (const name of claimNames) {
      expect([name, sandboxContext.jwt.claims[name] === undefined]).toEqual([
        name,
        cognitoContext.jwt.claims[name] === undefined,
      ]);
    }
    expect(sandboxContext.jwt.claims["cognito:groups"]).toBe(cognitoContext.jwt.claims["cognito:groups"]);
    expect(sandboxContext.jwt.claims.token_use).toBe("access");
  });
});
