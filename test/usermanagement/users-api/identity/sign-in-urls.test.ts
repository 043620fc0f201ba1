// The sign-in URL registration as the UI stack deploys it: what it is given, what it may do, and when it re-runs.
// (The Users API stack's own registration, after a change of the client, is tested with the identity unit.)
import { Stack, Validations } from "aws-cdk-lib";
import { Match, Template } from "aws-cdk-lib/assertions";
import type * as cognito from "aws-cdk-lib/aws-cognito";
import { AwsSolutionsChecks } from "cdk-nag";
import { beforeAll, describe, expect, it } from "vitest";
import { Identity } from "../../../../usermanagement/users-api/identity/infrastructure";
import { SignInUrls } from "../../../../usermanagement/users-api/identity/sign-in-urls";
import { testApp } from "../../../support/cdk-app";
import { synthesizedFindings } from "../../../support/nag-findings";

const UI_URL = "https://d111111abcdef8.cloudfront.net/";

/** A Users API stack with the identity unit and a UI stack registering its URL on it, as the workload wires them. */
function buildSignIn(options: { changeClient?: boolean } = {}) {
  const app = testApp();
  const usersApi = new Stack(app, "Test-UsersAPI");
  const identity = new Identity(usersApi, "Identity", {
    signInUrlFrom: { stackName: "Test-UsersUI", outputName: "UIURL" },
  });
  if (options.changeClient) {
    (identity.spaClient.node.defaultChild as cognito.CfnUserPoolClient).addPropertyOverride(
      "IdTokenValidity",
      30,
    );
  }
  const usersUi = new Stack(app, "Test-UsersUI");
  new SignInUrls(usersUi, "SignIn", {
    userPool: identity.userPool,
    spaClient: identity.spaClient,
    clientFingerprint: identity.signInFingerprint,
    url: { value: UI_URL },
  });
  return { app, usersApi, usersUi };
}

function synthSignIn(options: { changeClient?: boolean } = {}) {
  const built = buildSignIn(options);
  return { ...built, template: Template.fromStack(built.usersUi) };
}

function statementsOf(template: Template) {
  return Object.values(template.findResources("AWS::IAM::Policy")).flatMap(
    (policy) =>
      policy.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[],
  );
}

let synth: ReturnType<typeof synthSignIn>;
beforeAll(() => {
  synth = synthSignIn();
}, 240_000);

describe("the sign-in URL registration", () => {
  it("registers the UI's URL on the Users API stack's SPA client, read from that stack's outputs", () => {
    synth.template.hasResourceProperties("Custom::SignInUrls", {
      Urls: [UI_URL],
      UserPoolId: { "Fn::GetStackOutput": Match.objectLike({ StackName: "Test-UsersAPI" }) },
      ClientId: { "Fn::GetStackOutput": Match.objectLike({ StackName: "Test-UsersAPI" }) },
      ClientFingerprint: Match.stringLikeRegexp("^[0-9a-f]{16}$"),
    });
    expect(synth.usersUi.dependencies).toEqual([synth.usersApi]);
    expect(synth.usersApi.dependencies).toEqual([]);
  });

  it("may only describe and update the clients of that one pool, besides writing its logs", () => {
    const cognitoStatements = statementsOf(synth.template).filter((statement) =>
      [statement.Action].flat().some((action) => action.startsWith("cognito-idp:")),
    );
    expect(cognitoStatements).toEqual([
      {
        Effect: "Allow",
        Action: ["cognito-idp:DescribeUserPoolClient", "cognito-idp:UpdateUserPoolClient"],
        // The pool's ARN, from the Users API stack.
        Resource: {
          "Fn::GetStackOutput": expect.objectContaining({
            StackName: "Test-UsersAPI",
            OutputName: expect.stringMatching(/IdentityUserPool.*Arn/),
          }),
        },
      },
    ]);
    const actions = statementsOf(synth.template).flatMap((statement) => [statement.Action].flat());
    expect([...new Set(actions)].sort()).toEqual([
      "cognito-idp:DescribeUserPoolClient",
      "cognito-idp:UpdateUserPoolClient",
      "lambda:GetFunction",
      "lambda:InvokeFunction",
      "logs:CreateLogStream",
      "logs:PutLogEvents",
    ]);
    synth.template.resourcePropertiesCountIs("AWS::IAM::Role", { ManagedPolicyArns: Match.anyValue() }, 0);
  });

  it("runs again whenever the Users API stack changes the SPA client, which resets the client's URLs", () => {
    const changed = synthSignIn({ changeClient: true });
    const fingerprint = (template: Template) =>
      Object.values(template.findResources("Custom::SignInUrls"))[0].Properties.ClientFingerprint;

    expect(fingerprint(changed.template)).not.toBe(fingerprint(synth.template));
    expect(fingerprint(synthSignIn().template)).toBe(fingerprint(synth.template));
  }, 120_000);

  it("leaves no AWS Solutions finding unacknowledged, in either stack", () => {
    // The checks must be in place before the first synthesis: an App synthesizes once.
    const nagged = buildSignIn();
    Validations.of(nagged.app).addPlugins(new AwsSolutionsChecks(nagged.app));

    expect(synthesizedFindings(nagged.app)).toEqual([]);
  }, 120_000);
});
