// The User Management workload: one stack per component, wired together by cross-stack references.
import type { StackProps } from "aws-cdk-lib";
import type * as dynamodb from "aws-cdk-lib/aws-dynamodb";
import type { Construct } from "constructs";
import { ChatbotAPI } from "./chatbot-api/component";
import { UsersAPI } from "./users-api/component";
import { UsersUI } from "./users-ui/component";

export interface UserManagementProps extends StackProps {
  /** Prefix of every stack's id and name, e.g. `UserManagementSandbox` → `UserManagementSandbox-UsersAPI`. */
  readonly stackNamespace: string;
  /** Concurrent executions reserved for the Users API function. */
  readonly apiLambdaReservedConcurrency: number;
  /** How the Users table is billed: on demand in a sandbox, provisioned in production. */
  readonly databaseBillingMode: dynamodb.BillingMode;
  /**
   * Production posture: retain data and logs, protect the table from deletion.
   * @default false - a sandbox, deleted whole with its stacks
   */
  readonly production?: boolean;
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
    const { stackNamespace, apiLambdaReservedConcurrency, databaseBillingMode, production, ...stackProps } =
      props;
    const stack = (component: string) => ({
      ...stackProps,
      stackName: `${stackNamespace}-${component}`,
      description: `User Management: the ${component} component (${stackNamespace})`,
    });

    this.chatbotApi = new ChatbotAPI(scope, `${stackNamespace}-ChatbotAPI`, {
      ...stack("ChatbotAPI"),
      production,
    });
    this.usersApi = new UsersAPI(scope, `${stackNamespace}-UsersAPI`, {
      ...stack("UsersAPI"),
      apiLambdaReservedConcurrency,
      databaseBillingMode,
      production,
    });
    // The UI stack consumes both endpoints: cross-stack references that also order its deployment after them.
    this.usersUi = new UsersUI(scope, `${stackNamespace}-UsersUI`, {
      ...stack("UsersUI"),
      usersApiEndpoint: this.usersApi.apiEndpoint,
      chatbotApiEndpoint: this.chatbotApi.apiEndpoint,
      production,
    });
  }
}
