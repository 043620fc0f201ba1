// The operators' user pool and its clients, as a sandbox and as production: what sign-in and the APIs rely on.
import { Stack } from "aws-cdk-lib";
import { Match, Template } from "aws-cdk-lib/assertions";
import type * as cognito from "aws-cdk-lib/aws-cognito";
import { beforeAll, describe, expect, it } from "vitest";
import {
  ADMINS_GROUP,
  READ_SCOPE,
  RESOURCE_SERVER_IDENTIFIER,
  WRITE_SCOPE,
} from "../../../../usermanagement/shared/runtime/access";
import {
  Identity,
  type IdentityProps,
  PLACEHOLDER_SIGN_IN_URL,
  smokeTestSecretReaderRoleName,
} from "../../../../usermanagement/users-api/identity/infrastructure";
import { testApp } from "../../../support/cdk-app";

function synthIdentity(
  props: IdentityProps,
  stackName = "Test-UsersAPI",
  change?: (identity: Identity) => void,
) {
  const stack = new Stack(testApp(), stackName, { env: { account: "123456789012", region: "eu-west-1" } });
  const identity = new Identity(stack, "Identity", props);
  change?.(identity);
  return { stack, identity, template: Template.fromStack(stack) };
}

const SMOKE_TEST_ROLE = { account: "111111111111", roleName: "Toolchain-eu-west-1-smoke-test" };

function clientNamed(template: Template, logicalIdPrefix: string) {
  const clients = template.findResources("AWS::Cognito::UserPoolClient");
  const [id] = Object.keys(clients).filter((key) => key.startsWith(logicalIdPrefix));
  if (id === undefined) throw new Error(`no client ${logicalIdPrefix} in ${Object.keys(clients)}`);
  return { id, properties: clients[id].Properties };
}

let sandbox: ReturnType<typeof synthIdentity>;
let production: ReturnType<typeof synthIdentity>;
beforeAll(() => {
  sandbox = synthIdentity({});
  production = synthIdentity({ retainUsers: true, secretReader: SMOKE_TEST_ROLE });
  // Synthesis takes seconds alone, minutes on a busy two-core machine.
}, 300_000);

describe("the user pool", () => {
  it("lets only administrators create accounts, signed in with their email address", () => {
    sandbox.template.hasResourceProperties("AWS::Cognito::UserPool", {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      UsernameAttributes: ["email"],
      AutoVerifiedAttributes: ["email"],
    });
  });

  it("requires a long password of every character class, and a TOTP second factor without SMS", () => {
    sandbox.template.hasResourceProperties("AWS::Cognito::UserPool", {
      Policies: {
        PasswordPolicy: Match.objectLike({
          MinimumLength: 14,
          RequireLowercase: true,
          RequireUppercase: true,
          RequireNumbers: true,
          RequireSymbols: true,
        }),
      },
      MfaConfiguration: "ON",
      EnabledMfas: ["SOFTWARE_TOKEN_MFA"],
    });
  });

  it("blocks sign-ins with leaked passwords and high-risk sign-ins (threat protection, Plus plan)", () => {
    sandbox.template.hasResourceProperties("AWS::Cognito::UserPool", {
      UserPoolTier: "PLUS",
      UserPoolAddOns: { AdvancedSecurityMode: "ENFORCED" },
    });
    sandbox.template.hasResourceProperties("AWS::Cognito::UserPoolRiskConfigurationAttachment", {
      ClientId: "ALL",
      CompromisedCredentialsRiskConfiguration: {
        Actions: { EventAction: "BLOCK" },
        EventFilter: Match.arrayWith(["SIGN_IN"]),
      },
      AccountTakeoverRiskConfiguration: {
        Actions: Match.objectLike({ HighAction: { EventAction: "BLOCK", Notify: false } }),
      },
    });
  });

  it("asks nothing more of a medium-risk sign-in than the TOTP every sign-in already requires", () => {
    // MFA_REQUIRED here would be a no-op: with MFA on for everyone, the challenge comes regardless.
    sandbox.template.hasResourceProperties("AWS::Cognito::UserPool", { MfaConfiguration: "ON" });
    sandbox.template.hasResourceProperties("AWS::Cognito::UserPoolRiskConfigurationAttachment", {
      AccountTakeoverRiskConfiguration: {
        Actions: Match.objectLike({ MediumAction: { EventAction: "NO_ACTION", Notify: false } }),
      },
    });
  });

  it("is destroyed with a sandbox, and retained with deletion protection in production", () => {
    sandbox.template.hasResource("AWS::Cognito::UserPool", {
      Properties: Match.objectLike({ DeletionProtection: "INACTIVE" }),
      DeletionPolicy: "Delete",
    });
    production.template.hasResource("AWS::Cognito::UserPool", {
      Properties: Match.objectLike({ DeletionProtection: "ACTIVE" }),
      DeletionPolicy: "Retain",
      UpdateReplacePolicy: "Retain",
    });
  });

  it("has the admins group the Users API grants changes to", () => {
    sandbox.template.hasResourceProperties("AWS::Cognito::UserPoolGroup", { GroupName: ADMINS_GROUP });
  });

  it("serves managed login (version 2) at a domain named after the stack and the account", () => {
    const domains = Object.values(sandbox.template.findResources("AWS::Cognito::UserPoolDomain"));
    expect(domains).toHaveLength(1);
    expect(domains[0].Properties).toMatchObject({
      Domain: expect.stringMatching(/^test-usersapi-[0-9a-f]{8}-123456789012$/),
      ManagedLoginVersion: 2,
    });
    expect(sandbox.identity.tokenEndpoint).toMatch(/\/oauth2\/token$/);
  });

  it("gives the SPA client a managed-login branding style with Cognito's own values, without which no page is served", () => {
    const spa = clientNamed(sandbox.template, "IdentityUserPoolSpaClient").id;
    const brandings = Object.values(sandbox.template.findResources("AWS::Cognito::ManagedLoginBranding"));
    expect(brandings).toHaveLength(1);
    expect(brandings[0].Properties).toEqual({
      UserPoolId: { Ref: expect.stringMatching(/^IdentityUserPool/) },
      ClientId: { Ref: spa },
      UseCognitoProvidedValues: true,
    });
    expect(brandings[0].DependsOn).toEqual([expect.stringMatching(/SignInDomain/)]);
  });

  it("keeps domain prefixes of different sandboxes apart, in the characters Cognito accepts", () => {
    const prefixOf = (stackName: string) =>
      Object.values(synthIdentity({}, stackName).template.findResources("AWS::Cognito::UserPoolDomain"))[0]
        .Properties.Domain as string;
    const long = "UserManagementSandbox-an-awsome-and-very-long-sandbox-name-UsersAPI";
    const prefixes = [
      prefixOf("UserManagementSandbox-Alice-UsersAPI"),
      prefixOf("UserManagementSandbox-alice-UsersAPI"),
      prefixOf(long),
      prefixOf(long.replace("-UsersAPI", "-two-UsersAPI")),
    ];

    expect(new Set(prefixes).size).toBe(prefixes.length);
    for (const prefix of prefixes) {
      expect(prefix.length).toBeLessThanOrEqual(63);
      expect(prefix).toMatch(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/);
      expect(prefix).not.toMatch(/aws|amazon|cognito/);
    }
  }, 120_000);

  it("has the Users API's resource server with a read and a write scope", () => {
    sandbox.template.hasResourceProperties("AWS::Cognito::UserPoolResourceServer", {
      Identifier: RESOURCE_SERVER_IDENTIFIER,
      Scopes: [Match.objectLike({ ScopeName: "read" }), Match.objectLike({ ScopeName: "write" })],
    });
  });
});

describe("the app clients", () => {
  it("signs the SPA in with the authorization code grant, no secret, the identity scopes and both API scopes", () => {
    const spa = clientNamed(sandbox.template, "IdentityUserPoolSpaClient").properties;
    expect(spa.GenerateSecret).toBe(false);
    expect(spa.AllowedOAuthFlows).toEqual(["code"]);
    expect(spa.AllowedOAuthFlowsUserPoolClient).toBe(true);
    expect([...spa.AllowedOAuthScopes].sort()).toEqual(
      ["email", "openid", "profile", READ_SCOPE, WRITE_SCOPE].sort(),
    );
    expect(sandbox.identity.spaScope).toBe(`openid email profile ${READ_SCOPE} ${WRITE_SCOPE}`);
    expect(spa.SupportedIdentityProviders).toEqual(["COGNITO"]);
    // Only the loopback placeholder: the UI stack registers its own URL once it exists.
    expect(spa.CallbackURLs).toEqual([PLACEHOLDER_SIGN_IN_URL]);
    expect(spa.LogoutURLs).toEqual([PLACEHOLDER_SIGN_IN_URL]);
  });

  it("gives the machine client a secret, the client-credentials grant and the read and write scopes only", () => {
    const machine = clientNamed(sandbox.template, "IdentityUserPoolMachineClient").properties;
    expect(machine.GenerateSecret).toBe(true);
    expect(machine.AllowedOAuthFlows).toEqual(["client_credentials"]);
    expect(machine.ExplicitAuthFlows).toEqual(["ALLOW_REFRESH_TOKEN_AUTH"]);
    expect([...machine.AllowedOAuthScopes].sort()).toEqual([READ_SCOPE, WRITE_SCOPE]);
  });

  it("makes the authorizer accept tokens of this pool issued to either client", () => {
    const { authorizerRules } = sandbox.identity;
    const resolved = sandbox.stack.resolve(authorizerRules);
    const spa = clientNamed(sandbox.template, "IdentityUserPoolSpaClient").id;
    const machine = clientNamed(sandbox.template, "IdentityUserPoolMachineClient").id;
    expect(resolved.audience).toEqual([{ Ref: spa }, { Ref: machine }]);
    expect(JSON.stringify(resolved.issuer)).toMatch(/https:\/\/cognito-idp\.eu-west-1\..*UserPool/);
  });
});

describe("the fingerprints weak references are kept in step with", () => {
  const digest = (built: ReturnType<typeof synthIdentity>, which: "signIn" | "authorizer") =>
    built.stack.resolve(
      which === "signIn" ? built.identity.signInFingerprint : built.identity.authorizerRules.fingerprint,
    );
  const changed = (change: (identity: Identity) => void) => synthIdentity({}, "Test-UsersAPI", change);
  // Usernames by phone number instead of email: a change CloudFormation can only make by replacing the pool.
  const replacePool = (identity: Identity) =>
    (identity.userPool.node.defaultChild as cognito.CfnUserPool).addPropertyOverride("UsernameAttributes", [
      "phone_number",
    ]);

  it("are stable from one synth to the next", () => {
    const again = synthIdentity({});
    expect(digest(again, "signIn")).toBe(digest(sandbox, "signIn"));
    expect(digest(again, "authorizer")).toBe(digest(sandbox, "authorizer"));
    expect(digest(sandbox, "signIn")).toMatch(/^[0-9a-f]{16}$/);
  });

  it("change when the user pool is replaced, though each client's own template only names it by Ref", () => {
    const replaced = changed(replacePool);

    expect(digest(replaced, "signIn")).not.toBe(digest(sandbox, "signIn"));
    expect(digest(replaced, "authorizer")).not.toBe(digest(sandbox, "authorizer"));
  }, 120_000);

  it("change with the SPA client's settings (sign-in) and with either client's (the authorizer's audience)", () => {
    const spaChanged = changed((identity) =>
      (identity.spaClient.node.defaultChild as cognito.CfnUserPoolClient).addPropertyOverride(
        "IdTokenValidity",
        5,
      ),
    );
    const machineChanged = changed((identity) =>
      (identity.machineClient.node.defaultChild as cognito.CfnUserPoolClient).addPropertyOverride(
        "AccessTokenValidity",
        5,
      ),
    );

    expect(digest(spaChanged, "signIn")).not.toBe(digest(sandbox, "signIn"));
    expect(digest(spaChanged, "authorizer")).not.toBe(digest(sandbox, "authorizer"));
    expect(digest(machineChanged, "authorizer")).not.toBe(digest(sandbox, "authorizer"));
    expect(digest(machineChanged, "signIn")).toBe(digest(sandbox, "signIn"));
  }, 120_000);
});

describe("the UI's URL after a change of the SPA client", () => {
  const UI_OUTPUT = { stackName: "Test-UsersUI", outputName: "UIURL" };
  let withUi: ReturnType<typeof synthIdentity>;
  beforeAll(() => {
    withUi = synthIdentity({ signInUrlFrom: UI_OUTPUT });
  }, 120_000);

  it("is registered again in the same deployment, right after CloudFormation rewrites the client", () => {
    const spa = clientNamed(withUi.template, "IdentityUserPoolSpaClient").id;
    const registrations = withUi.template.findResources("Custom::SignInUrls");
    expect(Object.values(registrations)).toHaveLength(1);
    const [registration] = Object.values(registrations);
    // Naming the client orders the registration after the client's update, in the same stack deployment.
    expect(registration.Properties).toMatchObject({
      ClientId: { Ref: spa },
      UrlFromStackOutput: { StackName: "Test-UsersUI", OutputName: "UIURL" },
      ClientFingerprint: withUi.stack.resolve(withUi.identity.signInFingerprint),
    });
    expect(registration.Properties).not.toHaveProperty("Urls");
  });

  it("runs again whenever the client could have been rewritten: its fingerprint is one of its properties", () => {
    const fingerprint = (built: ReturnType<typeof synthIdentity>) =>
      Object.values(built.template.findResources("Custom::SignInUrls"))[0].Properties.ClientFingerprint;
    const spaChanged = synthIdentity({ signInUrlFrom: UI_OUTPUT }, "Test-UsersAPI", (identity) =>
      (identity.spaClient.node.defaultChild as cognito.CfnUserPoolClient).addPropertyOverride(
        "IdTokenValidity",
        5,
      ),
    );

    expect(fingerprint(spaChanged)).not.toBe(fingerprint(withUi));
  }, 120_000);

  it("is read from the UI stack's outputs, which is all it may read of CloudFormation", () => {
    const statements = Object.values(withUi.template.findResources("AWS::IAM::Policy")).flatMap(
      (policy) =>
        policy.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[],
    );
    const cloudFormation = statements.filter((statement) =>
      [statement.Action].flat().some((action) => action.startsWith("cloudformation:")),
    );
    expect(cloudFormation).toEqual([
      {
        Effect: "Allow",
        Action: "cloudformation:DescribeStacks",
        Resource: "arn:aws:cloudformation:eu-west-1:123456789012:stack/Test-UsersUI/*",
      },
    ]);
  });

  it("is not registered by this stack when it is told of no UI", () => {
    sandbox.template.resourceCountIs("Custom::SignInUrls", 0);
  });
});

describe("the smoke test's secret reader", () => {
  it("exists only when an account is named", () => {
    sandbox.template.resourceCountIs("AWS::IAM::Role", 0);
  });

  it("has a fixed name, trusts only the smoke test's role, and may only describe this pool's clients", () => {
    production.template.hasResourceProperties("AWS::IAM::Role", {
      RoleName: smokeTestSecretReaderRoleName("Test-UsersAPI", "eu-west-1"),
      AssumeRolePolicyDocument: {
        Statement: [
          {
            Effect: "Allow",
            Action: "sts:AssumeRole",
            Principal: { AWS: "arn:aws:iam::111111111111:root" },
            Condition: {
              ArnEquals: {
                "aws:PrincipalArn": "arn:aws:iam::111111111111:role/Toolchain-eu-west-1-smoke-test",
              },
            },
          },
        ],
      },
    });
    const statements = Object.values(production.template.findResources("AWS::IAM::Policy")).flatMap(
      (policy) => policy.Properties.PolicyDocument.Statement,
    );
    expect(statements).toEqual([
      {
        Effect: "Allow",
        Action: "cognito-idp:DescribeUserPoolClient",
        Resource: { "Fn::GetAtt": [expect.stringMatching(/^IdentityUserPool/), "Arn"] },
      },
    ]);
  });

  it("is named per stack and region, IAM names being global to the account", () => {
    expect(smokeTestSecretReaderRoleName("UserManagementProduction-UsersAPI", "eu-west-1")).toBe(
      "UserManagementProduction-UsersAPI-eu-west-1-secret-reader",
    );
    expect(smokeTestSecretReaderRoleName("UserManagementProduction-UsersAPI", "us-east-2")).not.toBe(
      smokeTestSecretReaderRoleName("UserManagementProduction-UsersAPI", "eu-west-1"),
    );
  });

  it("refuses a stack name that would make the role's name longer than IAM allows", () => {
    expect(() => smokeTestSecretReaderRoleName("X".repeat(41), "eu-west-1")).toThrow(/64 characters/);
  });
});
