// The user pool, stood in for by the sandbox's OpenID issuer: wherever a resolved template names the pool's
// endpoints (its issuer URL, the managed-login domain and its /logout, /oauth2/token, /oauth2/authorize and
// /oauth2/revoke endpoints, as "Amazon Cognito user pools endpoints" lists them) or an app client's id, the sandbox puts the
// issuer's. A code-grant client (the SPA's) is stood in for by the issuer's SPA client, a client-credentials
// client by each of its machine clients, so the authorizers' audiences and config.json name the issuer's.
import type { AppClientScopes } from "../../issuer/accounts";
import type { DeployedResource, Deployment } from "../deployment";

/** The issuer's endpoints, from its discovery document, and its clients. */
export interface IssuerEndpoints {
  readonly issuer: string;
  readonly authorization_endpoint: string;
  readonly token_endpoint: string;
  readonly end_session_endpoint: string;
  readonly revocation_endpoint: string;
  readonly spaClientId: string;
  readonly machineClientIds: readonly string[];
}

export interface UserPoolStandIn {
  /** `value` with every endpoint and single client id of the templates' user pools replaced by the issuer's. */
  rewrite<T>(value: T): T;
  /** The issuer's clients standing for a client id of the templates; any other id as it is. */
  clientIds(clientId: string): readonly string[];
}

export function userPoolStandIn(deployment: Deployment, issuer: IssuerEndpoints): UserPoolStandIn {
  const issuerOrigin = new URL(issuer.issuer).origin;
  const replacements: [string, string][] = [];
  for (const pool of deployment.resourcesOfType("AWS::Cognito::UserPool")) {
    const providerUrl = pool.attribute("ProviderURL") as string;
    replacements.push([providerUrl, issuer.issuer], [new URL(providerUrl).origin, issuerOrigin]);
  }
  for (const domain of deployment.resourcesOfType("AWS::Cognito::UserPoolDomain")) {
    const region = envOf(deployment, domain).region;
    const base = `https://${domain.physicalId}.auth.${region}.amazoncognito.com`;
    replacements.push(
      [`${base}/logout`, issuer.end_session_endpoint],
      [`${base}/oauth2/token`, issuer.token_endpoint],
      [`${base}/oauth2/authorize`, issuer.authorization_endpoint],
      [`${base}/oauth2/revoke`, issuer.revocation_endpoint],
      [base, issuerOrigin],
    );
  }
  const standIns = new Map<string, readonly string[]>();
  for (const client of deployment.resourcesOfType("AWS::Cognito::UserPoolClient")) {
    const flows = (client.properties.AllowedOAuthFlows ?? []) as readonly string[];
    if (flows.includes("code")) {
      standIns.set(client.physicalId, [issuer.spaClientId]);
      replacements.push([client.physicalId, issuer.spaClientId]);
    } else if (flows.includes("client_credentials")) {
      standIns.set(client.physicalId, issuer.machineClientIds);
    }
  }
  // Longest first, so that an endpoint is replaced whole before the origin it starts with.
  replacements.sort(([a], [b]) => b.length - a.length);
  const rewriteText = (text: string) =>
    replacements.reduce((result, [from, to]) => result.split(from).join(to), text);
  const rewrite = (value: unknown): unknown => {
    if (typeof value === "string") return rewriteText(value);
    if (Array.isArray(value)) return value.map(rewrite);
    if (value && typeof value === "object") {
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, rewrite(item)]));
    }
    return value;
  };
  return {
    rewrite: <T>(value: T) => rewrite(value) as T,
    clientIds: (clientId) => standIns.get(clientId) ?? [clientId],
  };
}

/** What the templates' app clients may be granted: the code-grant client's and the client-credentials one's. */
export function appClientScopes(deployment: Deployment): AppClientScopes {
  const clients = deployment.resourcesOfType("AWS::Cognito::UserPoolClient");
  const scopesOf = (flow: string) => {
    const client = clients.find((candidate) =>
      ((candidate.properties.AllowedOAuthFlows ?? []) as readonly string[]).includes(flow),
    );
    if (!client) throw new Error(`The templates declare no user pool client with the ${flow} flow`);
    return (client.properties.AllowedOAuthScopes ?? []) as readonly string[];
  };
  return { spa: scopesOf("code"), machine: scopesOf("client_credentials") };
}

function envOf(deployment: Deployment, resource: DeployedResource) {
  const stack = deployment.stacks.find((candidate) => candidate.stackName === resource.stackName);
  if (!stack) throw new Error(`No stack ${resource.stackName}`);
  return stack.env;
}
