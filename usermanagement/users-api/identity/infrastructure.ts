// Who may use the APIs: the operators' Cognito user pool, its managed-login domain, the SPA's and the pipeline's
// app clients, and the rules API Gateway's JWT authorizers check tokens with.
import { Duration, RemovalPolicy, Stack } from "aws-cdk-lib";
import * as cognito from "aws-cdk-lib/aws-cognito";
import * as iam from "aws-cdk-lib/aws-iam";
import { Construct } from "constructs";
import { resourceFingerprint } from "../../shared/infrastructure/resource-fingerprint";
import type { JwtAuthorizerRules } from "../../shared/jwt-authorizer-rules";
import {
  ADMINS_GROUP,
  READ_SCOPE,
  RESOURCE_SERVER_IDENTIFIER,
  WRITE_SCOPE,
} from "../../shared/runtime/access";

export interface IdentityProps {
  /**
   * Keep the user pool (with deletion protection) when the stack is deleted: the operators' accounts and MFA
   * devices can't be recreated from the template.
   * @default false - a sandbox's pool is deleted with its stack
   */
  readonly retainUsers?: boolean;
  /**
   * An account (the toolchain's) whose principals may read the machine client's secret at run time, through a
   * role named `smokeTestSecretReaderRoleName(stackName)` that may only describe this pool's clients.
   * @default - no such role: nobody outside this account reads the secret
   */
  readonly secretReaderAccount?: string;
}

/** The redirect URL the SPA client is created with, before the UI stack adds its own (see below). */
export const PLACEHOLDER_SIGN_IN_URL = "https://localhost/";

/** Scopes the SPA asks for: who the person is, nothing more; what they may do comes from their groups. */
const SPA_SCOPES = [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE];

/** The fixed name of the role the pipeline's smoke test assumes to read the machine client's secret. */
export function smokeTestSecretReaderRoleName(stackName: string): string {
  const name = `${stackName}-smoke-test-secret-reader`;
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
  /** What both APIs' JWT authorizers accept: tokens of this pool, issued to one of its two clients. */
  readonly authorizerRules: JwtAuthorizerRules;
  /** The scopes the SPA asks for, space-separated as OpenID Connect's `scope` parameter wants them. */
  readonly spaScope: string;
  /**
   * The origins a browser signing in talks to: the issuer (discovery and keys) and the managed login (token
   * endpoint), for the UI's Content-Security-Policy.
   */
  readonly signInOrigins: readonly string[];
  /**
   * A digest of the SPA client's CloudFormation properties, known at synthesis. CloudFormation replaces every
   * setting of the client when this stack updates it, the sign-in URLs the UI stack added included; the UI stack
   * passes this digest to its custom resource, so any change here re-runs it and the URLs come back.
   */
  readonly spaClientFingerprint: string;

  constructor(scope: Construct, id: string, props: IdentityProps = {}) {
    super(scope, id);
    const stack = Stack.of(this);

    this.userPool = new cognito.UserPool(this, "UserPool", {
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
      deletionProtection: props.retainUsers ?? false,
      removalPolicy: props.retainUsers ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    // What full-function threat protection does, stated rather than left to defaults. Nobody is notified by
    // email (that needs an SES identity); the pool's operators see the events in the console.
    new cognito.CfnUserPoolRiskConfigurationAttachment(this, "ThreatProtection", {
      userPoolId: this.userPool.userPoolId,
      clientId: "ALL",
      compromisedCredentialsRiskConfiguration: {
        actions: { eventAction: "BLOCK" },
        eventFilter: ["SIGN_IN", "PASSWORD_CHANGE"],
      },
      accountTakeoverRiskConfiguration: {
        actions: {
          lowAction: { eventAction: "NO_ACTION", notify: false },
          mediumAction: { eventAction: "MFA_REQUIRED", notify: false },
          highAction: { eventAction: "BLOCK", notify: false },
        },
      },
    });

    this.userPool.addGroup("AdminsGroup", {
      groupName: ADMINS_GROUP,
      description: "May create, change and delete users; everyone else signed in only reads",
    });

    const domain = this.userPool.addDomain("SignInDomain", {
      cognitoDomain: { domainPrefix: domainPrefix(stack.stackName, stack.account) },
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

    this.spaClient = this.userPool.addClient("SpaClient", {
      generateSecret: false,
      // The managed login signs people in with SRP; the SPA itself never handles a password.
      authFlows: { userSrp: true },
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: SPA_SCOPES,
        // Cognito refuses a code-grant client without a callback URL, and the UI's URL is only known once the UI
        // stack exists (it depends on this one). A loopback URL would send a code to the operator's own machine
        // only, where PKCE leaves it useless; the UI stack adds its real URL (usermanagement/users-ui/sign-in).
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

    this.machineClient = this.userPool.addClient("MachineClient", {
      generateSecret: true,
      // No user sign-in through this client at all: CDK then lists only the refresh-token flow Cognito requires.
      authFlows: { userSrp: false },
      oAuth: {
        flows: { clientCredentials: true },
        scopes: [readScope, writeScope].map((scope) =>
          cognito.OAuthScope.resourceServer(resourceServer, scope),
        ),
      },
      accessTokenValidity: Duration.minutes(15),
    });

    const issuerOrigin = `https://cognito-idp.${stack.region}.${stack.urlSuffix}`;
    this.authorizerRules = {
      issuer: `${issuerOrigin}/${this.userPool.userPoolId}`,
      audience: [this.spaClient.userPoolClientId, this.machineClient.userPoolClientId],
    };
    this.spaScope = SPA_SCOPES.map((scope) => scope.scopeName).join(" ");
    this.signInOrigins = [issuerOrigin, this.signInDomain];

    this.spaClientFingerprint = resourceFingerprint(
      this.spaClient.node.defaultChild as cognito.CfnUserPoolClient,
    );

    if (props.secretReaderAccount !== undefined) {
      const reader = new iam.Role(this, "SmokeTestSecretReader", {
        roleName: smokeTestSecretReaderRoleName(stack.stackName),
        assumedBy: new iam.AccountPrincipal(props.secretReaderAccount),
        description: "Lets the pipeline's smoke test read the machine client's secret, and nothing else",
        maxSessionDuration: Duration.hours(1),
      });
      reader.addToPolicy(
        new iam.PolicyStatement({
          actions: ["cognito-idp:DescribeUserPoolClient"],
          resources: [this.userPool.userPoolArn],
        }),
      );
    }
  }
}

/** `users-api/read` → `read`: Cognito names a resource server's scopes without its identifier. */
function scopeName(scope: string): string {
  return scope.slice(RESOURCE_SERVER_IDENTIFIER.length + 1);
}

/**
 * A prefix domain is global per region: the stack name alone would collide between two accounts deploying this
 * app, so the account id follows it. Lowercase letters, digits and hyphens, at most 63 characters, and none of
 * the words Cognito reserves.
 */
function domainPrefix(stackName: string, account: string): string {
  const slug = stackName
    .toLowerCase()
    .replace(/aws|amazon|cognito/g, "")
    .replace(/[^a-z0-9-]+/g, "-")
    .slice(0, 63 - 13)
    .replace(/^-+|-+$/g, "");
  return `${slug}-${account}`;
}
