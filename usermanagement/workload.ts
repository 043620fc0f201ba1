// The User Management workload: one stack per component, wired together by cross-stack references.
import type { StackProps } from "aws-cdk-lib";
import type * as dynamodb from "aws-cdk-lib/aws-dynamodb";
import type { Construct } from "constructs";
import { ChatbotAPI } from "./chatbot-api/component";
import { PRODUCTION_RETENTION, SANDBOX_RETENTION } from "./shared/infrastructure/retention";
import { UsersAPI } from "./users-api/component";
import { UI_URL_OUTPUT, UsersUI } from "./users-ui/component";

export interface UserManagementProps extends StackProps {
  /** Prefix of every stack's id and name, e.g. `UserManagementSandbox` → `UserManagementSandbox-UsersAPI`. */
  readonly stackNamespace: string;
  /**
   * Concurrent executions reserved for the Users API function. The account's concurrency limit must exceed the
   * reservations by at least 100, which a new account's limit of 10 doesn't.
   * @default - none reserved: the API stage's throttling bounds the function
   */
  readonly usersApiReservedConcurrency?: number;
  /** How the Users table is billed: on demand in a sandbox, provisioned in production. */
  readonly databaseBillingMode: dynamodb.BillingMode;
  /**
   * Production posture: retain data, users and logs, protect the table and the user pool from deletion.
   * @default false - a sandbox, deleted whole with its stacks
   */
  readonly production?: boolean;
  /**
   * The role (account and name) of the pipeline's smoke test, the one principal that may read the machine
   * client's secret.
   * @default - none
   */
  readonly smokeTestRole?: { readonly account: string; readonly roleName: string };
}

/**
 * Not a Construct: a plain class that places the component stacks directly in `scope` (an App or a pipeline
 * Stage), so each stack keeps a short name and can be deployed and diffed on its own.
 */
export class UserManagement {
  readonly chatbotApi: ChatbotAPI;
  readonly usersApi: UsersAPI;
  readonly usersUi: UsersUI;

  constructor(scope: Construct, props: UserManagementProps) {
    const {
      stackNamespace,
      usersApiReservedConcurrency,
      databaseBillingMode,
      production,
      smokeTestRole,
      ...stackProps
    } = props;
    const stack = (component: string) => ({
      ...stackProps,
      stackName: `${stackNamespace}-${component}`,
      description: `User Management: the ${component} component (${stackNamespace})`,
    });
    const retention = production ? PRODUCTION_RETENTION : SANDBOX_RETENTION;

    // The user pool lives with the Users API: both APIs authorize with it, and the UI, which depends on both,
    // registers its own URL on the pool's SPA client. Deploy order UsersAPI → ChatbotAPI → UsersUI, no cycle:
    // the Users API finds the UI's URL again by the UI stack's name, not by a reference.
    const usersUiStack = stack("UsersUI");
    this.usersApi = new UsersAPI(scope, `${stackNamespace}-UsersAPI`, {
      ...stack("UsersAPI"),
      usersApiReservedConcurrency,
      databaseBillingMode,
      retention,
      smokeTestRole,
      signInUrlFrom: { stackName: usersUiStack.stackName, outputName: UI_URL_OUTPUT },
    });
    this.chatbotApi = new ChatbotAPI(scope, `${stackNamespace}-ChatbotAPI`, {
      ...stack("ChatbotAPI"),
      authorizer: this.usersApi.identity.authorizerRules,
      retention,
    });
    // The UI stack consumes both endpoints and the sign-in settings: cross-stack references that also order its
    // deployment after both APIs.
    const { identity } = this.usersApi;
    this.usersUi = new UsersUI(scope, `${stackNamespace}-UsersUI`, {
      ...usersUiStack,
      usersApiEndpoint: this.usersApi.apiEndpoint,
      chatbotApiEndpoint: this.chatbotApi.apiEndpoint,
      apiEndpointFingerprints: [this.usersApi.apiEndpointFingerprint, this.chatbotApi.apiEndpointFingerprint],
      spaConfig: {
        authority: identity.authorizerRules.issuer,
        clientId: identity.spaClient.userPoolClientId,
        scope: identity.spaScope,
        // Cognito's discovery document names neither endpoint; its managed login signs out and revokes here.
        signOutEndpoint: `${identity.signInDomain}/logout`,
        revocationEndpoint: `${identity.signInDomain}/oauth2/revoke`,
      },
      signInOrigins: identity.signInOrigins,
      signInClient: {
        userPool: identity.userPool,
        spaClient: identity.spaClient,
        signInFingerprint: identity.signInFingerprint,
      },
      retention,
    });
  }
}
