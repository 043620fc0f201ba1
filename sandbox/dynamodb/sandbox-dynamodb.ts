// The sandbox's DynamoDB: DynamoDB Local on loopback, behind an endpoint that enforces each caller's IAM policies.
import type { ExecutionRole, RoleCredentials } from "../iam/execution-role";
import { roleSessions } from "../iam/role-sessions";
import { startDynamoDBLocal } from "./dynamodb-local";
import { type IamEnforcingEndpoint, startIamEnforcingEndpoint } from "./iam-enforcing-endpoint";

export interface SandboxDynamoDBOptions {
  /** The region in the table ARNs the policies name. */
  readonly region: string;
  /** The account in the table ARNs the policies name and in the callers' ARNs. */
  readonly accountId: string;
}

export interface SandboxDynamoDB {
  /** The IAM-enforcing endpoint the functions call (`AWS_ENDPOINT_URL_DYNAMODB`), on loopback. */
  readonly endpoint: string;
  /** DynamoDB Local itself, unguarded: for the sandbox's own setup (CreateTable) and tests' seeding. */
  readonly localEndpoint: string;
  /**
   * Credentials that `endpoint` knows as `role`, in session `sessionName`: each call signed with them is
   * evaluated against the role's policies. The same role and session always get the same credentials.
   * @param sessionName @default the role's name
   */
  credentialsFor(role: ExecutionRole, sessionName?: string): RoleCredentials;
  /** Stops the endpoint and DynamoDB Local, and waits for Java to exit. */
  stop(): Promise<void>;
}

/** Starts DynamoDB Local and the IAM-enforcing endpoint in front of it. */
export async function startSandboxDynamoDB(options: SandboxDynamoDBOptions): Promise<SandboxDynamoDB> {
  const local = await startDynamoDBLocal();
  const sessions = roleSessions(options.accountId);
  let endpoint: IamEnforcingEndpoint;
  try {
    endpoint = await startIamEnforcingEndpoint({
      target: local.endpoint,
      scope: options,
      sessionOf: sessions.sessionOf,
    });
  } catch (error) {
    await local.stop();
    throw error;
  }
  return {
    endpoint: endpoint.endpoint,
    localEndpoint: local.endpoint,
    credentialsFor: sessions.credentialsFor,
    async stop() {
      await endpoint.stop();
      await local.stop();
    },
  };
}
