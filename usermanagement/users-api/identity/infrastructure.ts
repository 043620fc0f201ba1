// Who may use the APIs: the operators' Cognito user pool, its managed-login domain, the SPA's and the pipeline's
// app clients, and the rules API Gateway's JWT authorizers check tokens with.
import { createHash } from "node:crypto";
import { Duration, RemovalPolicy, Stack, Token } from "aws-cdk-lib";
import * as cognito from "aws-cdk-lib/aws-cognito";
import * as iam from "aws-cdk-lib/aws-iam";
import { Construct } from "constructs";
import { resourceFingerprint } from "../../shared/infrastructure/resource-fingerprint";
import type { Retention } from "../../shared/infrastructure/retention";
import type { JwtAuthorizerRules } from "../../shared/jwt-authorizer-rules";
import {
  ADMINS_GROUP,
  READ_SCOPE,
  RESOURCE_SERVER_IDENTIFIER,
  WRITE_SCOPE,
} from "../../shared/runtime/access";
import { SignInUrls, type StackOutputRef } from "./sign-in-urls";

export interface IdentityProps {
  /**
   * Keep the user pool (with deletion protection) when the stack is deleted: the operators' accounts and MFA
   * devices can't be recreated from the template.
   * @default false - a sandbox's pool is deleted with its stack
   */
  readonly retainUsers?: boolean;
  /**
   * The one role (the pipeline's smoke test, in the toolchain's account) that may read the machine client's
   * secret at run time, by assuming a role named `smokeTestSecretReaderRoleName(stackName, region)` that may only
   * describe this pool's clients.
   * @default - no such role: nobody outside this account reads the secret
   */
  readonly secretReader?: { readonly account: string; readonly roleName: string };
  /**
   * The stack output holding the UI's URL (the Users UI stack's `UIURL`). After every change of the SPA client,
   * which CloudFormation writes whole from this stack's template, the URL is added back in the same deployment.
   * @default - the UI's URL comes back only when the UI stack is deployed again
   */
  readonly signInUrlFrom?: StackOutputRef;
  /**
   * How long the re-registration's logs are kept, and whether they outlive the stack.
   * @default SANDBOX_RETENTION
   */
  readonly retention?: Retention;
}

/** The redirect URL the SPA client is created with, before the UI stack adds its own (see below). */
export const PLACEHOLDER_SIGN_IN_URL = "https://localhost/";

/**
 * The fixed name of the role the pipeline's smoke test assumes to read the machine client's secret. IAM names
 * are global to the account, so the region is part of it: the same stack in two regions gets two roles.
 */
export function smokeTestSecretReaderRoleName(stackName: string, region: string): string {
  if (Token.isUnresolved(region)) throw new Error("The secret reader's stack needs an explicit region");
  const name = `${stackName}-${region}-secret-reader`;
  if (name.length > 64) throw new Error(`Role name ${name} is longer than IAM's 64 characters`);
  return name;
}

export class Identity extends Construct {
  readonly userPool: cognito.UserPool;
  /** The SPA's client: authorization code with PKCE, no secret. */
  readonly spaClient: cognito.UserPoolClient;
  /** The pipeline's client: client-credentials grant, with a secret, allowed to read and write users. */
  readonly machineClient: cognito.UserPoolClient;
  /** Base URL of the managed login, e.g. `https://<prefix>.auth.<region>.amazoncognito.com`. */
  readonly signInDomain: string;
  /** Where the client-credentials grant is exchanged for a token: `<signInDomain>/oauth2/token`. */
  readonly tokenEndpoint: string;
  /**
   * What both APIs' JWT authorizers accept: tokens of this pool, issued to one of its two clients; with a
   * fingerprint of the pool and both clients for a stack that reads them by weak reference.
   */
  readonly authorizerRules: JwtAuthorizerRules;
  /**
   * The scopes the SPA asks for, space-separated as OpenID Connect's `scope` parameter wants them: who the person
   * is, and both API scopes so that their token reaches every route. What they may do there comes from their
   * groups, which the Users API reads.
   */
  readonly spaScope: string;
  /**
   * The origins a browser signing in talks to: the issuer (discovery and keys) and the managed login (token
   * endpoint), for the UI's Content-Security-Policy.
   */
  readonly signInOrigins: readonly string[];
  /**
   * A digest of what the UI reads of sign-in (the SPA client, the pool it is in, the managed-login domain),
   * known at synthesis, that changes whenever any of them could be rewritten or replaced. CloudFormation writes
   * every setting of the client when this stack updates it, the sign-in URLs the UI registered included; both
   * registrations of the UI's URL carry this digest, so any such change re-runs them and the URL comes back.
   */
  readonly signInFingerprint: string;

  constructor(scope: Construct, id: string, props: IdentityProps = {}) {
    super(scope, id);
    const stack = Stack.of(this);

    this.userPool = operatorsPool(this, props.retainUsers ?? false);

    // Managed login (version 2): the pages that walk a new operator through a temporary password, a new password
    // and TOTP enrolment. Without the version the domain serves the classic hosted UI.
    const domain = this.userPool.addDomain("SignInDomain", {
      cognitoDomain: { domainPrefix: domainPrefix(stack.stackName, stack.account) },
      managedLoginVersion: cognito.ManagedLoginVersion.NEWER_MANAGED_LOGIN,
    });
    this.signInDomain = domain.baseUrl();
    this.tokenEndpoint = `${this.signInDomain}/oauth2/token`;

    const readScope = new cognito.ResourceServerScope({
      scopeName: scopeName(READ_SCOPE),
      scopeDescription: "Read users and chat",
    });
    const writeScope = new cognito.ResourceServerScope({
      scopeName: scopeName(WRITE_SCOPE),
      scopeDescription: "Create, change and delete users",
    });
    const resourceServer = this.userPool.addResourceServer("UsersApiResourceServer", {
      identifier: RESOURCE_SERVER_IDENTIFIER,
      scopes: [readScope, writeScope],
    });

    // The API scopes by their full names; the clients are created after the resource server that defines them.
    const apiScopes = [READ_SCOPE, WRITE_SCOPE].map((scope) => cognito.OAuthScope.custom(scope));
    const spaScopes = [
      cognito.OAuthScope.OPENID,
      cognito.OAuthScope.EMAIL,
      cognito.OAuthScope.PROFILE,
      ...apiScopes,
    ];
    this.spaClient = this.userPool.addClient("SpaClient", {
      generateSecret: false,
      // The managed login signs people in with SRP; the SPA itself never handles a password.
      authFlows: { userSrp: true },
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: spaScopes,
        // Cognito refuses a code-grant client without a callback URL, and the UI's URL is only known once the UI
        // stack exists (it depends on this one). A loopback URL would send a code to the operator's own machine
        // only, where PKCE leaves it useless; the UI's real URL is registered by a custom resource (sign-in-urls.ts).
        callbackUrls: [PLACEHOLDER_SIGN_IN_URL],
        logoutUrls: [PLACEHOLDER_SIGN_IN_URL],
      },
      supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(12),
    });
    this.spaClient.node.addDependency(resourceServer);
    // Managed login serves a client's pages only once the client has a branding style; Cognito's own look.
    const branding = new cognito.CfnManagedLoginBranding(this, "SpaSignInBranding", {
      userPoolId: this.userPool.userPoolId,
      clientId: this.spaClient.userPoolClientId,
      useCognitoProvidedValues: true,
    });
    branding.addResourceDependency(domain.node.defaultChild as cognito.CfnUserPoolDomain);

    this.machineClient = this.userPool.addClient("MachineClient", {
      generateSecret: true,
      // No user sign-in through this client at all: CDK then lists only the refresh-token flow Cognito requires.
      authFlows: { userSrp: false },
      oAuth: { flows: { clientCredentials: true }, scopes: apiScopes },
      accessTokenValidity: Duration.minutes(15),
    });
    this.machineClient.node.addDependency(resourceServer);

    const cfnSpaClient = this.spaClient.node.defaultChild as cognito.CfnUserPoolClient;
    const cfnMachineClient = this.machineClient.node.defaultChild as cognito.CfnUserPoolClient;
    const issuerOrigin = `https://cognito-idp.${stack.region}.${stack.urlSuffix}`;
    this.authorizerRules = {
      issuer: `${issuerOrigin}/${this.userPool.userPoolId}`,
      audience: [this.spaClient.userPoolClientId, this.machineClient.userPoolClientId],
      // The issuer names the pool, the audience the clients: both clients' fingerprints cover the pool too.
      fingerprint: resourceFingerprint(cfnSpaClient, cfnMachineClient),
    };
    this.spaScope = spaScopes.map((scope) => scope.scopeName).join(" ");
    this.signInOrigins = [issuerOrigin, this.signInDomain];
    this.signInFingerprint = resourceFingerprint(
      cfnSpaClient,
      domain.node.defaultChild as cognito.CfnUserPoolDomain,
    );

    if (props.signInUrlFrom) {
      // In the same deployment as any change of the client, right after it (the registration names the client).
      new SignInUrls(this, "SignInUrlsAfterClientChange", {
        userPool: this.userPool,
        spaClient: this.spaClient,
        clientFingerprint: this.signInFingerprint,
        url: { fromStackOutput: props.signInUrlFrom },
        retention: props.retention,
      });
    }

    if (props.secretReader) smokeTestSecretReader(this, this.userPool, props.secretReader);
  }
}

/**
 * The operators' pool: invited by an administrator, email sign-in, long passwords, TOTP always, threat
 * protection enforced, and the admins group the Users API grants changes to.
 */
function operatorsPool(scope: Construct, retainUsers: boolean): cognito.UserPool {
  const pool = new cognito.UserPool(scope, "UserPool", {
    // Operators are invited by an administrator; nobody signs themselves up.
    selfSignUpEnabled: false,
    signInAliases: { email: true },
    autoVerify: { email: true },
    standardAttributes: { email: { required: true, mutable: true } },
    accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
    passwordPolicy: {
      minLength: 14,
      requireLowercase: true,
      requireUppercase: true,
      requireDigits: true,
      requireSymbols: true,
      tempPasswordValidity: Duration.days(3),
      passwordHistorySize: 5,
    },
    // An authenticator app, enrolled by the managed login at the first sign-in: no SMS (cost, SIM swapping).
    mfa: cognito.Mfa.REQUIRED,
    mfaSecondFactor: { otp: true, sms: false },
    // Threat protection: blocks sign-ins with leaked passwords and risky sign-ins. Plus bills every monthly
    // active user (USD 0.020, no free tier, where Essentials' first 10,000 are free): cents a month for a
    // team of operators; machine clients aren't MAUs.
    featurePlan: cognito.FeaturePlan.PLUS,
    standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
    deletionProtection: retainUsers,
    removalPolicy: retainUsers ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
  });
  // What full-function threat protection does, stated rather than left to defaults. Nobody is notified by
  // email (that needs an SES identity); the pool's operators see the events in the console. Every sign-in
  // already ends with the TOTP the pool requires ("When you activate MFA for a user, they always receive a
  // challenge … regardless of how you configured adaptive authentication", Working with adaptive
  // authentication), so a medium risk adds nothing to ask for: MFA_REQUIRED there would be a no-op posing as a
  // safeguard. High risk is blocked outright.
  new cognito.CfnUserPoolRiskConfigurationAttachment(scope, "ThreatProtection", {
    userPoolId: pool.userPoolId,
    clientId: "ALL",
    compromisedCredentialsRiskConfiguration: {
      actions: { eventAction: "BLOCK" },
      eventFilter: ["SIGN_IN", "PASSWORD_CHANGE"],
    },
    accountTakeoverRiskConfiguration: {
      actions: {
        lowAction: { eventAction: "NO_ACTION", notify: false },
        mediumAction: { eventAction: "NO_ACTION", notify: false },
        highAction: { eventAction: "BLOCK", notify: false },
      },
    },
  });

  pool.addGroup("AdminsGroup", {
    groupName: ADMINS_GROUP,
    description: "May create, change and delete users; everyone else signed in only reads",
  });
  return pool;
}

/** The role through which the smoke test's role alone reads the machine client's secret (and nothing else). */
function smokeTestSecretReader(
  scope: Construct,
  pool: cognito.IUserPool,
  { account, roleName }: { readonly account: string; readonly roleName: string },
): void {
  const stack = Stack.of(scope);
  // The toolchain account, but only its smoke-test role: `aws:PrincipalArn` is the role's ARN for any session
  // of it, and the condition holds whether or not the role exists yet, which a role principal would not.
  const smokeTestRoleArn = `arn:${stack.partition}:iam::${account}:role/${roleName}`;
  const reader = new iam.Role(scope, "SmokeTestSecretReader", {
    roleName: smokeTestSecretReaderRoleName(stack.stackName, stack.region),
    assumedBy: new iam.AccountPrincipal(account).withConditions({
      ArnEquals: { "aws:PrincipalArn": smokeTestRoleArn },
    }),
    description: "Lets the pipeline's smoke test read the machine client's secret, and nothing else",
    maxSessionDuration: Duration.hours(1),
  });
  reader.addToPolicy(
    new iam.PolicyStatement({
      actions: ["cognito-idp:DescribeUserPoolClient"],
      resources: [pool.userPoolArn],
    }),
  );
}

/** `users-api/read` → `read`: Cognito names a resource server's scopes without its identifier. */
function scopeName(scope: string): string {
  return scope.slice(RESOURCE_SERVER_IDENTIFIER.length + 1);
}

/**
 * A prefix domain (`<prefix>.auth.<region>.amazoncognito.com`) must be unique in its region across every
 * account, so the prefix names the stack, exactly, and the account. The readable part is the stack name in the
 * characters Cognito accepts (lowercase letters, digits, hyphens, none of the words it reserves), cut to fit 63;
 * the 8 hex digits of a hash of the exact name keep apart what lower-casing and cutting would merge
 * (`-Alice-` and `-alice-`, two long names sharing a beginning). The region is the domain's own part already.
 */
function domainPrefix(stackName: string, account: string): string {
  const hash = createHash("sha256").update(stackName).digest("hex").slice(0, 8);
  const slug = stackName
    .toLowerCase()
    .replace(/aws|amazon|cognito/g, "")
    .replace(/[^a-z0-9-]+/g, "-")
    .slice(0, 63 - 1 - hash.length - 1 - 12)
    .replace(/^-+|-+$/g, "");
  return `${slug}-${hash}-${account}`;
}
