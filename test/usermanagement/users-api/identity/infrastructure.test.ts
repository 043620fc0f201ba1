// The operators' user pool and its clients, as a sandbox and as production: what sign-in and the APIs rely on.
import { Stack } from "aws-cdk-lib";
import { Match, Template } from "aws-cdk-lib/assertions";
import type * as cognito from "aws-cdk-lib/aws-cognito";
import { beforeAll, describe, expect, it } from "vitest";
import { ADMINS_GROUP, RESOURCE_SERVER_IDENTIFIER } from "../../../../usermanagement/shared/runtime/access";
import {
  Identity,
  type IdentityProps,
  PLACEHOLDER_SIGN_IN_URL,
  smokeTestSecretReaderRoleName,
} from "../../../../usermanagement/users-api/identity/infrastructure";
import { testApp } from "../../../support/cdk-app";

function synthIdentity(props: IdentityProps, stackName = "Test-UsersAPI") {
  const stack = new Stack(testApp(), stackName, { env: { account: "123456789012", region: "eu-west-1" } });
  const identity = new Identity(stack, "Identity", props);
  return { stack, identity, template: Template.fromStack(stack) };
}

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
  production = synthIdentity({ retainUsers: true, secretReaderAccount: "111111111111" });
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

  it("has a managed-login domain named after the stack and the account, in the characters Cognito accepts", () => {
    const domains = Object.values(sandbox.template.findResources("AWS::Cognito::UserPoolDomain"));
    expect(domains).toHaveLength(1);
    expect(domains[0].Properties.Domain).toBe("test-usersapi-123456789012");
    expect(sandbox.identity.tokenEndpoint).toMatch(/\/oauth2\/token$/);

    const long = synthIdentity({}, "UserManagementSandbox-an-awsome-and-very-long-sandbox-name-UsersAPI");
    const prefix = Object.values(long.template.findResources("AWS::Cognito::UserPoolDomain"))[0].Properties
      .Domain as string;
    expect(prefix.length).toBeLessThanOrEqual(63);
    expect(prefix).toMatch(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/);
    expect(prefix).not.toMatch(/aws|amazon|cognito/);
  });

  it("has the Users API's resource server with a read and a write scope", () => {
    sandbox.template.hasResourceProperties("AWS::Cognito::UserPoolResourceServer", {
      Identifier: RESOURCE_SERVER_IDENTIFIER,
      Scopes: [Match.objectLike({ ScopeName: "read" }), Match.objectLike({ ScopeName: "write" })],
    });
  });
});

describe("the app clients", () => {
  it("signs the SPA in with the authorization code grant, no secret, and identity scopes only", () => {
    const spa = clientNamed(sandbox.template, "IdentityUserPoolSpaClient").properties;
    expect(spa.GenerateSecret).toBe(false);
    expect(spa.AllowedOAuthFlows).toEqual(["code"]);
    expect(spa.AllowedOAuthFlowsUserPoolClient).toBe(true);
    expect(spa.AllowedOAuthScopes.sort()).toEqual(["email", "openid", "profile"]);
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
    const scopes = sandbox.stack.resolve(machine.AllowedOAuthScopes) as unknown[];
    expect(JSON.stringify(scopes)).toContain("/read");
    expect(JSON.stringify(scopes)).toContain("/write");
    expect(scopes).toHaveLength(2);
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

describe("the SPA client's fingerprint", () => {
  it("is stable for one configuration and changes with the client's settings", () => {
    const again = synthIdentity({});
    expect(again.stack.resolve(again.identity.spaClientFingerprint)).toBe(
      sandbox.stack.resolve(sandbox.identity.spaClientFingerprint),
    );

    const changed = synthIdentity({});
    const client = changed.identity.spaClient.node.defaultChild as cognito.CfnUserPoolClient;
    client.addPropertyOverride("AccessTokenValidity", 5);
    expect(changed.stack.resolve(changed.identity.spaClientFingerprint)).not.toBe(
      sandbox.stack.resolve(sandbox.identity.spaClientFingerprint),
    );
  });
});

describe("the smoke test's secret reader", () => {
  it("exists only when an account is named", () => {
    sandbox.template.resourceCountIs("AWS::IAM::Role", 0);
  });

  it("has a fixed name, trusts only the named account, and may only describe this pool's clients", () => {
    production.template.hasResourceProperties("AWS::IAM::Role", {
      RoleName: smokeTestSecretReaderRoleName("Test-UsersAPI"),
      AssumeRolePolicyDocument: {
        Statement: [
          Match.objectLike({
            Action: "sts:AssumeRole",
            Principal: { AWS: "arn:aws:iam::111111111111:root" },
          }),
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

  it("refuses a stack name that would make the role's name longer than IAM allows", () => {
    expect(() => smokeTestSecretReaderRoleName("X".repeat(40))).toThrow(/64 characters/);
    expect(smokeTestSecretReaderRoleName("UserManagementProduction-UsersAPI")).toBe(
      "UserManagementProduction-UsersAPI-smoke-test-secret-reader",
    );
  });
});
