// Who may change users: administrators and write-scoped machines; everyone else signed in only reads, and only
// with an access token. Through the real handler and DynamoDB Local, with the claims API Gateway passes, from
// Cognito-shaped tokens and from the sandbox issuer's real ones.
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { invokeHttpApi } from "../../../../../sandbox/api-gateway/http-api";
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
import { USERS_API_ROUTES } from "../../../../../usermanagement/users-api/api/runtime/routes";
import {
  ADMIN,
  ADMIN_ID_TOKEN,
  cognitoAccessToken,
  READ_MACHINE,
  VIEWER,
  WRITE_MACHINE,
} from "../../../../support/identities";
import { clientCredentials, IssuerSession } from "../../../../support/issuer-client";
import { issuerClients } from "../../../../support/sandbox-assembly";
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
  ["a viewer, whose token carries the write scope the SPA asks for", VIEWER],
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

describe("an ID token", () => {
  it.each([...WRITES, { method: "GET", url: "/api/users", body: undefined, status: 200 }])(
    "is refused $method $url with 401 invalid_token, even the admin's, and nothing changes",
    async (request) => {
      const before = await api.tableContents();

      const response = await api.request(request.method, request.url, {
        body: request.body,
        as: ADMIN_ID_TOKEN,
      });

      expect(response.status).toBe(401);
      expect(response.headers["content-type"]).toBe("application/problem+json");
      expect(response.headers["www-authenticate"]).toMatch(/^Bearer error="invalid_token"/);
      expect(response.json.detail).toContain("an ID token");
      expect(await api.tableContents()).toEqual(before);
    },
  );
});

const person = { username: "alice", sub: "5f1c2b6e-0000-4000-8000-00000000000a", client_id: "users-ui" };
const machine = { sub: "pipeline-client", client_id: "pipeline-client" };

describe("reading the claims", () => {
  it.each([
    ["API Gateway's rendering of one group", { ...person, "cognito:groups": `[${ADMINS_GROUP}]` }, true],
    [
      "API Gateway's rendering of several groups",
      { ...person, "cognito:groups": `[auditors ${ADMINS_GROUP}]` },
      true,
    ],
    ["a real list (a direct invocation)", { ...person, "cognito:groups": [ADMINS_GROUP] }, true],
    [
      "a group whose name only contains admins",
      { ...person, "cognito:groups": "[admins-old superadmins]" },
      false,
    ],
    [
      "a person with the write scope and no group",
      { ...person, scope: `${READ_SCOPE} ${WRITE_SCOPE}` },
      false,
    ],
    [
      "a machine with Cognito's space-separated write scope",
      { ...machine, scope: `${READ_SCOPE} ${WRITE_SCOPE}` },
      true,
    ],
    ["a machine with the read scope only", { ...machine, scope: READ_SCOPE }, false],
    [
      "a machine in the admins group (no such thing)",
      { ...machine, scope: READ_SCOPE, "cognito:groups": [ADMINS_GROUP] },
      false,
    ],
    [
      "a token naming neither a person nor its client",
      { sub: "someone", client_id: "x", scope: WRITE_SCOPE },
      false,
    ],
  ])("judges %s", (_what, claims, mayChange) => {
    const event = eventWith({ jwt: { claims: cognitoAccessToken(claims), scopes: null } });

    expect(accessOf(event).mayChangeUsers).toBe(mayChange);
  });

  it("counts a machine's write scope when API Gateway lists it in scopes", () => {
    const event = eventWith({ jwt: { claims: { ...machine, token_use: "access" }, scopes: [WRITE_SCOPE] } });

    expect(accessOf(event)).toEqual({
      caller: { kind: "machine", clientId: "pipeline-client", scopes: [WRITE_SCOPE] },
      mayChangeUsers: true,
    });
  });

  it("lets nobody change users with anything but an access token, or with no authorizer at all", () => {
    expect(accessOf(eventWith(ADMIN_ID_TOKEN)).mayChangeUsers).toBe(false);
    const idShaped = cognitoAccessToken({ ...machine, scope: WRITE_SCOPE, token_use: "id" });
    expect(accessOf(eventWith({ jwt: { claims: idShaped, scopes: null } })).mayChangeUsers).toBe(false);
    expect(accessOf(eventWith()).mayChangeUsers).toBe(false);
  });
});

describe("the same roles from the sandbox issuer's tokens as from Cognito's", () => {
  const UI_URL = "http://127.0.0.1:3999";
  let issuer: RunningIssuer;
  let contextOf: (token: string) => Promise<JwtAuthorizerContext>;
  beforeAll(async () => {
    issuer = await startIssuer({ clients: issuerClients(UI_URL) });
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

  describe("through the sandbox's API Gateway, which requires each route's scope", () => {
    const through = (token: string, method: string, url: string, body?: unknown) =>
      invokeHttpApi(
        {
          routes: USERS_API_ROUTES,
          functionName: "UsersApi",
          handler: api.handler,
          authorize: createJwtAuthorizer(issuer.rules),
        },
        {
          method,
          url,
          headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
          body: body === undefined ? undefined : JSON.stringify(body),
        },
      );

    it("refuses a viewer who asked the SPA's client for the write scope: API Gateway lets it by, the API does not", async () => {
      const token = (
        await new IssuerSession(issuer.url).signIn(`${UI_URL}/`, "viewer", "viewer-password", {
          scope: `openid ${WRITE_SCOPE}`,
        })
      ).json.access_token;
      const before = await api.tableContents();

      const response = await through(token, "POST", "/api/users", {
        username: "eve",
        email: "eve@example.com",
      });

      expect(response.status).toBe(403);
      expect(response.headers["content-type"]).toBe("application/problem+json");
      expect(await api.tableContents()).toEqual(before);
    });

    it.each(WRITES)(
      "refuses the admin's ID token at API Gateway itself: $method $url is 403, nothing runs",
      async (write) => {
        const idToken = (await new IssuerSession(issuer.url).signIn(`${UI_URL}/`, "admin", "admin-password"))
          .json.id_token;
        const before = await api.tableContents();

        const response = await through(idToken, write.method, write.url, write.body);

        expect(response.status).toBe(403);
        expect(JSON.parse(response.body.toString())).toEqual({ message: "Forbidden" });
        expect(await api.tableContents()).toEqual(before);
      },
    );

    it("lets the admin's access token through to the same write", async () => {
      const token = await signedIn("admin", "admin-password");

      const response = await through(token, "POST", "/api/users", {
        username: "bob",
        email: "bob@example.com",
      });

      expect(response.status).toBe(201);
    });
  });
});
