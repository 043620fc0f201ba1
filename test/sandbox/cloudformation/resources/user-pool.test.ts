// The sandbox's issuer stands in for the user pool: wherever the resolved templates name the pool's endpoints
// or its clients, the issuer's take their place.
import { describe, expect, it } from "vitest";
import {
  appClientScopes,
  type IssuerEndpoints,
  userPoolStandIn,
} from "../../../../sandbox/cloudformation/resources/user-pool";
import { sandboxDeployment } from "../../../support/sandbox-assembly";

const issuer: IssuerEndpoints = {
  issuer: "http://127.0.0.1:4000",
  authorization_endpoint: "http://127.0.0.1:4000/auth",
  token_endpoint: "http://127.0.0.1:4000/token",
  end_session_endpoint: "http://127.0.0.1:4000/session/end",
  revocation_endpoint: "http://127.0.0.1:4000/token/revocation",
  spaClientId: "users-ui",
  machineClientIds: ["machine-a", "machine-b"],
};

const standIn = () => userPoolStandIn(sandboxDeployment(), issuer);
const clientsBy = (flow: string) =>
  sandboxDeployment()
    .resourcesOfType("AWS::Cognito::UserPoolClient")
    .filter((client) => (client.properties.AllowedOAuthFlows as string[]).includes(flow));

describe("the issuer standing in for the user pool", () => {
  it("takes the place of the pool's issuer URL, and of Cognito's origin in a policy", () => {
    const poolResource = sandboxDeployment().resourcesOfType("AWS::Cognito::UserPool")[0];
    const providerUrl = poolResource.attribute("ProviderURL") as string;
    expect(standIn().rewrite({ Issuer: providerUrl })).toEqual({ Issuer: "http://127.0.0.1:4000" });
    expect(standIn().rewrite(`connect-src 'self' ${new URL(providerUrl).origin};`)).toBe(
      "connect-src 'self' http://127.0.0.1:4000;",
    );
  });

  it("takes the place of the managed-login domain and its sign-out, token and revocation endpoints", () => {
    const [domain] = sandboxDeployment().resourcesOfType("AWS::Cognito::UserPoolDomain");
    const base = `https://${domain.physicalId}.auth.us-east-1.amazoncognito.com`;
    expect(
      standIn().rewrite([`${base}/logout`, `${base}/oauth2/token`, `${base}/oauth2/revoke`, base]),
    ).toEqual([
      issuer.end_session_endpoint,
      issuer.token_endpoint,
      issuer.revocation_endpoint,
      "http://127.0.0.1:4000",
    ]);
  });

  it("stands the issuer's SPA client in for the code-grant client, and its machine clients for the client-credentials one", () => {
    const [spa] = clientsBy("code");
    const [machine] = clientsBy("client_credentials");
    expect(standIn().rewrite({ clientId: spa.physicalId })).toEqual({ clientId: "users-ui" });
    expect(standIn().clientIds(machine.physicalId)).toEqual(["machine-a", "machine-b"]);
    expect(standIn().clientIds("someone-else")).toEqual(["someone-else"]);
  });

  it("allows the issuer's clients the scopes the templates' app clients are allowed", () => {
    expect(appClientScopes(sandboxDeployment())).toEqual({
      spa: ["openid", "email", "profile", "users-api/read", "users-api/write"],
      machine: ["users-api/read", "users-api/write"],
    });
  });

  it("leaves everything else as it is", () => {
    expect(standIn().rewrite({ a: "https://example.com", b: 3, c: [true] })).toEqual({
      a: "https://example.com",
      b: 3,
      c: [true],
    });
  });
});
