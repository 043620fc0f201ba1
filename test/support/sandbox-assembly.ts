// The sandbox app's templates as the sandbox deploys them (test/support/sandbox-assembly.global.ts synthesized
// them), for tests that need what the templates declare, e.g. the Users table's keys and indexes.
import type { CreateTableCommandInput } from "@aws-sdk/client-dynamodb";
import { inject } from "vitest";
import { readCloudAssembly } from "../../sandbox/cloudformation/cloud-assembly";
import { type Deployment, deploy, resolved } from "../../sandbox/cloudformation/deployment";
import { createTableInput } from "../../sandbox/cloudformation/resources/dynamodb-table";
import { appClientScopes } from "../../sandbox/cloudformation/resources/user-pool";
import { sandboxClients } from "../../sandbox/issuer/accounts";

let deployment: Deployment | undefined;

/** The sandbox app's stacks, deployed as the sandbox deploys them. */
export function sandboxDeployment(): Deployment {
  deployment ??= deploy(readCloudAssembly(inject("sandboxAssembly")));
  return deployment;
}

/** CreateTable input for the Users table as the template declares it, under `tableName`. */
export function usersTableInput(tableName: string): CreateTableCommandInput {
  const [table, ...others] = sandboxDeployment().resourcesOfType("AWS::DynamoDB::Table");
  if (!table || others.length > 0)
    throw new Error("The sandbox app should declare one table, the Users table");
  return createTableInput(resolved(table), tableName);
}

/** The sandbox issuer's clients for a UI served at `uiUrl`, allowed what the templates' app clients are. */
export const issuerClients = (uiUrl: string) => sandboxClients(uiUrl, appClientScopes(sandboxDeployment()));
