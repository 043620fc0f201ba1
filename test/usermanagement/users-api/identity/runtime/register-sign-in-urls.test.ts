// The sign-in URL registration against stand-ins for Cognito and CloudFormation at the SDK boundary; Cognito's
// behaves as UpdateUserPoolClient does: every setting the update leaves out is reset.
import { CloudFormationServiceException, DescribeStacksCommand } from "@aws-sdk/client-cloudformation";
import {
  DescribeUserPoolClientCommand,
  ResourceNotFoundException,
  UpdateUserPoolClientCommand,
  type UpdateUserPoolClientCommandInput,
  type UserPoolClientType,
} from "@aws-sdk/client-cognito-identity-provider";
import { describe, expect, it } from "vitest";
import {
  type CognitoClient,
  createSignInUrlsHandler,
  mergeUrls,
  type SignInUrlsEvent,
  type SignInUrlsProperties,
  type StackOutputsClient,
} from "../../../../../usermanagement/users-api/identity/runtime/register-sign-in-urls";

const POOL = "eu-west-1_Example";
const CLIENT = "spa-client-id";
const PLACEHOLDER = "https://localhost/";
const UI = "https://d111111abcdef8.cloudfront.net/";

/** The SPA client as the Users API stack creates it. */
function spaClient(): UserPoolClientType {
  return {
    UserPoolId: POOL,
    ClientId: CLIENT,
    ClientName: "spa",
    ClientType: undefined,
    CreationDate: new Date("2026-01-01T00:00:00Z"),
    LastModifiedDate: new Date("2026-01-01T00:00:00Z"),
    AllowedOAuthFlows: ["code"],
    AllowedOAuthFlowsUserPoolClient: true,
    AllowedOAuthScopes: ["openid", "email", "profile"],
    CallbackURLs: [PLACEHOLDER],
    LogoutURLs: [PLACEHOLDER],
    SupportedIdentityProviders: ["COGNITO"],
    ExplicitAuthFlows: ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    AccessTokenValidity: 60,
    IdTokenValidity: 60,
    RefreshTokenValidity: 720,
    TokenValidityUnits: { AccessToken: "minutes", IdToken: "minutes", RefreshToken: "minutes" },
    PreventUserExistenceErrors: "ENABLED",
    EnableTokenRevocation: true,
    AuthSessionValidity: 3,
  };
}

/** Cognito's two calls on one client, with UpdateUserPoolClient's reset-what-you-omit semantics. */
class FakeCognito implements CognitoClient {
  client: UserPoolClientType | undefined = spaClient();
  updates: UpdateUserPoolClientCommandInput[] = [];

  // biome-ignore lint/suspicious/noExplicitAny: mirrors the SDK's overloaded send
  async send(command: any): Promise<any> {
    const { UserPoolId, ClientId } = command.input;
    if (!this.client || UserPoolId !== POOL || ClientId !== CLIENT) {
      throw new ResourceNotFoundException({ message: "User pool client does not exist.", $metadata: {} });
    }
    if (command instanceof DescribeUserPoolClientCommand) {
      return { UserPoolClient: { ...structuredClone(this.client), ClientSecret: undefined } };
    }
    if (command instanceof UpdateUserPoolClientCommand) {
      const input = command.input as UpdateUserPoolClientCommandInput;
      if ("ClientSecret" in input || "CreationDate" in input || "LastModifiedDate" in input) {
        throw new Error("InvalidParameterException: not a parameter of UpdateUserPoolClient");
      }
      if (input.AllowedOAuthFlows?.includes("code") && (input.CallbackURLs ?? []).length === 0) {
        throw new Error(
          "InvalidOAuthFlowException: CallbackUrls can not be empty when code flow is selected",
        );
      }
      this.updates.push(input);
      const { CreationDate, ClientType } = this.client;
      this.client = { CreationDate, ClientType, LastModifiedDate: new Date(), ...structuredClone(input) };
      return {};
    }
    throw new Error(`unexpected command ${command.constructor.name}`);
  }
}

/** CloudFormation's DescribeStacks on the one UI stack, which exists once `uiUrl` is set. */
class FakeStacks implements StackOutputsClient {
  uiUrl: string | undefined;

  // biome-ignore lint/suspicious/noExplicitAny: mirrors the SDK's overloaded send
  async send(command: any): Promise<any> {
    if (!(command instanceof DescribeStacksCommand)) throw new Error("unexpected command");
    if (command.input.StackName !== "Test-UsersUI" || this.uiUrl === undefined) {
      // What CloudFormation answers for a stack that doesn't exist.
      throw new CloudFormationServiceException({
        name: "ValidationError",
        $fault: "client",
        $metadata: {},
        message: `Stack with id ${command.input.StackName} does not exist`,
      });
    }
    return {
      Stacks: [{ StackName: "Test-UsersUI", Outputs: [{ OutputKey: "UIURL", OutputValue: this.uiUrl }] }],
    };
  }
}

/** The handler with the stand-ins, as the UI stack runs it (it never reads a stack output). */
const handlerWith = (cognito: FakeCognito, stacks = new FakeStacks()) =>
  createSignInUrlsHandler({ cognito, stackOutputs: stacks });

function event(
  requestType: "Create" | "Update" | "Delete",
  properties: Partial<SignInUrlsProperties> = {},
  old?: Partial<SignInUrlsProperties>,
): SignInUrlsEvent {
  const props = { ServiceToken: "arn", UserPoolId: POOL, ClientId: CLIENT, Urls: [UI], ...properties };
  const common = {
    ServiceToken: "arn",
    ResponseURL: "https://cloudformation-response.example/",
    StackId: "stack",
    RequestId: "request",
    LogicalResourceId: "SignInUrls",
    ResourceType: "Custom::SignInUrls",
    ResourceProperties: props,
  };
  if (requestType === "Create") return { ...common, RequestType: "Create" };
  const PhysicalResourceId = `${POOL}/${CLIENT}`;
  if (requestType === "Delete") return { ...common, RequestType: "Delete", PhysicalResourceId };
  return {
    ...common,
    RequestType: "Update",
    PhysicalResourceId,
    OldResourceProperties: { ...props, ...old },
  };
}

/** The client's settings other than its URLs and timestamps: what an update must leave as it was. */
function otherSettings(client: UserPoolClientType | undefined) {
  const { CallbackURLs, LogoutURLs, LastModifiedDate, ...rest } = client ?? {};
  return rest;
}

describe("registering the UI's URL on the SPA client", () => {
  it("adds the URL as callback and sign-out URL and keeps every other setting of the client", async () => {
    const cognito = new FakeCognito();
    const before = otherSettings(cognito.client);

    const response = await handlerWith(cognito)(event("Create"));

    expect(cognito.client?.CallbackURLs).toEqual([PLACEHOLDER, UI]);
    expect(cognito.client?.LogoutURLs).toEqual([PLACEHOLDER, UI]);
    expect(otherSettings(cognito.client)).toEqual(before);
    expect(response.PhysicalResourceId).toBe(`${POOL}/${CLIENT}`);
  });

  it("restores the URL after CloudFormation reset the client to its template", async () => {
    const cognito = new FakeCognito();
    const handler = handlerWith(cognito);
    await handler(event("Create"));
    // The Users API stack updated the client: its template knows only the placeholder.
    cognito.client = { ...spaClient(), AccessTokenValidity: 30 };

    await handler(event("Update", { ClientFingerprint: "new" }, { ClientFingerprint: "old" }));

    expect(cognito.client?.CallbackURLs).toEqual([PLACEHOLDER, UI]);
    expect(cognito.client?.AccessTokenValidity).toBe(30);
  });

  it("moves the registration when the UI's URL changes, leaving other URLs alone", async () => {
    const cognito = new FakeCognito();
    const handler = handlerWith(cognito);
    await handler(event("Create"));
    const newUi = "https://users.example.com/";

    await handler(event("Update", { Urls: [newUi] }, { Urls: [UI] }));

    expect(cognito.client?.CallbackURLs).toEqual([PLACEHOLDER, newUi]);
    expect(cognito.client?.LogoutURLs).toEqual([PLACEHOLDER, newUi]);
  });

  it("writes nothing when the URL is registered already", async () => {
    const cognito = new FakeCognito();
    const handler = handlerWith(cognito);
    await handler(event("Create"));

    await handler(event("Update"));

    expect(cognito.updates).toHaveLength(1);
  });

  it("removes only the URL it added when deleted, keeping the rest of the client", async () => {
    const cognito = new FakeCognito();
    const handler = handlerWith(cognito);
    cognito.client = { ...spaClient(), CallbackURLs: [PLACEHOLDER, "https://other.example/"] };
    await handler(event("Create"));
    const before = otherSettings(cognito.client);

    await handler(event("Delete"));

    expect(cognito.client?.CallbackURLs).toEqual([PLACEHOLDER, "https://other.example/"]);
    expect(cognito.client?.LogoutURLs).toEqual([PLACEHOLDER]);
    expect(otherSettings(cognito.client)).toEqual(before);
  });

  it("succeeds on delete when the client is gone already", async () => {
    const cognito = new FakeCognito();
    cognito.client = undefined;

    const response = await handlerWith(cognito)(event("Delete"));

    expect(response.PhysicalResourceId).toBe(`${POOL}/${CLIENT}`);
  });

  it("fails a create for a client that doesn't exist, so the deployment stops and says why", async () => {
    const cognito = new FakeCognito();

    await expect(handlerWith(cognito)(event("Create", { ClientId: "nope" }))).rejects.toThrow(
      ResourceNotFoundException,
    );
  });
});

describe("registering again, from the UI stack's output, after CloudFormation rewrote the client", () => {
  const FROM_OUTPUT = {
    Urls: undefined,
    UrlFromStackOutput: { StackName: "Test-UsersUI", OutputName: "UIURL" },
  };

  it("adds the URL the UI stack's output holds, keeping every other setting of the rewritten client", async () => {
    const cognito = new FakeCognito();
    const stacks = new FakeStacks();
    stacks.uiUrl = UI;
    // The client as CloudFormation just wrote it: the template's placeholder only, a new token lifetime.
    cognito.client = { ...spaClient(), AccessTokenValidity: 30 };

    await handlerWith(
      cognito,
      stacks,
    )(
      event(
        "Update",
        { ...FROM_OUTPUT, ClientFingerprint: "new" },
        { ...FROM_OUTPUT, ClientFingerprint: "old" },
      ),
    );

    expect(cognito.client?.CallbackURLs).toEqual([PLACEHOLDER, UI]);
    expect(cognito.client?.LogoutURLs).toEqual([PLACEHOLDER, UI]);
    expect(cognito.client?.AccessTokenValidity).toBe(30);
  });

  it("does nothing on the first deployment, before the UI stack exists", async () => {
    const cognito = new FakeCognito();

    const response = await handlerWith(cognito, new FakeStacks())(event("Create", FROM_OUTPUT));

    expect(cognito.updates).toEqual([]);
    expect(cognito.client?.CallbackURLs).toEqual([PLACEHOLDER]);
    expect(response.PhysicalResourceId).toBe(`${POOL}/${CLIENT}`);
  });

  it("never removes a URL, on update or delete: the UI stack's registration owns it", async () => {
    const cognito = new FakeCognito();
    const stacks = new FakeStacks();
    cognito.client = { ...spaClient(), CallbackURLs: [PLACEHOLDER, UI], LogoutURLs: [PLACEHOLDER, UI] };
    const handler = handlerWith(cognito, stacks);

    await handler(event("Update", FROM_OUTPUT, { ...FROM_OUTPUT, ClientFingerprint: "old" }));
    await handler(event("Delete", FROM_OUTPUT));

    expect(cognito.updates).toEqual([]);
    expect(cognito.client?.CallbackURLs).toEqual([PLACEHOLDER, UI]);
  });

  it("fails the deployment on any other CloudFormation error, rather than leave sign-in broken unnoticed", async () => {
    const stacks: StackOutputsClient = {
      send: async () => {
        throw new CloudFormationServiceException({
          name: "AccessDenied",
          $fault: "client",
          $metadata: {},
          message: "not authorized to perform: cloudformation:DescribeStacks",
        });
      },
    };

    await expect(
      handlerWith(new FakeCognito(), stacks as FakeStacks)(event("Create", FROM_OUTPUT)),
    ).rejects.toThrow(/not authorized/);
  });
});

describe("mergeUrls", () => {
  it("adds new URLs after the existing ones, once", () => {
    expect(mergeUrls(["a", "b"], { add: ["b", "c"], remove: [] })).toEqual(["a", "b", "c"]);
  });

  it("never leaves a code-grant client without a callback URL", () => {
    expect(mergeUrls(["a"], { add: [], remove: ["a"] })).toEqual(["a"]);
  });
});
