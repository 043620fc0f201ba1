// The sandbox's OpenID issuer: oidc-provider (OpenID Certified) on its own loopback port in the sandbox's
// process, issuing RS256 access tokens shaped like Cognito's to the seeded people and machine clients.
import { randomBytes, randomUUID } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, type JWK } from "jose";
import type { JwtAuthorizerRules } from "../../usermanagement/shared/jwt-authorizer-rules";
import { RESOURCE_SERVER_IDENTIFIER } from "../../usermanagement/shared/runtime/access";
import type { SpaConfig } from "../../usermanagement/users-ui/spa/config";
import { SandboxStartError } from "../start-error";
import { personById, SANDBOX_MACHINE_CLIENTS, SPA_CLIENT_ID, SPA_SCOPE } from "./accounts";
import { INTERACTION_PATH, interactionMiddleware } from "./interactions";
import { loadOidcProvider } from "./load-oidc-provider";
import { errorPage, PAGE_CSP, signedOutPage, signOutPage } from "./pages";
import { cognitoAccessTokenShape } from "./token-shape";

export interface IssuerOptions {
  /**
   * Where the SPA is served, e.g. `http://127.0.0.1:3000`: its sign-in and sign-out return there, and its
   * origin may call the issuer from the browser. The `localhost` and `127.0.0.1` spellings are both allowed.
   */
  readonly uiUrl: string;
  /** @default 0, any free port */
  readonly port?: number;
  /** Lifetime of access tokens (Cognito's default is an hour); short lifetimes let tests see expiry. @default 3600 */
  readonly accessTokenTtlSeconds?: number;
  /**
   * The private RSA key (JWK with a `kid`) the issuer signs with; tests that need tokens the issuer never
   * issues (a future `nbf`, another `iss`) sign them with the same key.
   * @default an RS256 key generated at start
   */
  readonly signingKey?: JWK;
}

export interface RunningIssuer {
  /** The issuer identifier, e.g. `http://127.0.0.1:43121`; discovery is at `<url>/.well-known/openid-configuration`. */
  readonly url: string;
  /** What the JWT authorizers must check for this issuer: its URL and every client's id. */
  readonly rules: JwtAuthorizerRules;
  /** The SPA's `config.json` for this issuer. */
  readonly spaConfig: SpaConfig;
  stop(): Promise<void>;
}

/** What the issuer's page renderers touch of koa's context. */
interface PageContext {
  type: string;
  body: string;
  set(header: string, value: string): void;
}

/** The one resource server every token is for, as Cognito's tokens are all for its user pool. */
const RESOURCE = `urn:usermanagement:${RESOURCE_SERVER_IDENTIFIER}`;

export async function startIssuer(options: IssuerOptions): Promise<RunningIssuer> {
  const { Provider, createMemoryAdapter, errors } = await loadOidcProvider();
  const accessTokenTtl = options.accessTokenTtlSeconds ?? 3600;
  const uiOrigins = loopbackSpellings(new URL(options.uiUrl).origin);

  // The issuer's URL holds its port, so the port is taken before the provider exists.
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) =>
      reject(
        error.code === "EADDRINUSE"
          ? new SandboxStartError(
              `Port ${options.port} is already in use: stop what uses it or set ISSUER_PORT to another port.`,
            )
          : error,
      ),
    );
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const signingKey = options.signingKey ?? (await generateSigningKey());

  const provider = new Provider(url, {
    adapter: createMemoryAdapter(),
    jwks: { keys: [signingKey] },
    cookies: { keys: [randomBytes(32).toString("base64url")] },
    clients: [
      {
        client_id: SPA_CLIENT_ID,
        token_endpoint_auth_method: "none",
        grant_types: ["authorization_code", "refresh_token"],
        response_types: ["code"],
        redirect_uris: uiOrigins.map((origin) => `${origin}/`),
        post_logout_redirect_uris: uiOrigins.map((origin) => `${origin}/`),
      },
      ...SANDBOX_MACHINE_CLIENTS.map((client) => ({
        client_id: client.clientId,
        client_secret: client.clientSecret,
        grant_types: ["client_credentials"],
        response_types: [],
        redirect_uris: [],
        scope: client.scopes.join(" "),
      })),
    ],
    scopes: [
      "openid",
      "email",
      "profile",
      "offline_access",
      ...SANDBOX_MACHINE_CLIENTS.flatMap((c) => c.scopes),
    ],
    claims: {
      // The ID token carries what Cognito's does, so the SPA shows the person and their role alike.
      openid: ["sub", "cognito:username", "cognito:groups"],
      email: ["email", "email_verified"],
      profile: ["preferred_username"],
    },
    conformIdTokenClaims: false,
    findAccount: async (_ctx: unknown, sub: string) => {
      const person = personById(sub);
      if (!person) return undefined;
      return {
        accountId: sub,
        claims: async () => ({
          sub,
          "cognito:username": person.username,
          "cognito:groups": person.groups.length > 0 ? [...person.groups] : undefined,
          email: person.email,
          email_verified: true,
          preferred_username: person.username,
        }),
      };
    },
    interactions: {
      url: (_ctx: unknown, interaction: { uid: string }) => `${INTERACTION_PATH}/${interaction.uid}`,
    },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      // Without a resource indicator oidc-provider issues opaque tokens; a default resource makes a bare
      // `grant_type=client_credentials`, and the SPA's code exchange, return a JWT as Cognito's endpoint does.
      resourceIndicators: {
        enabled: true,
        defaultResource: async () => RESOURCE,
        useGrantedResource: async () => true,
        getResourceServerInfo: async (_ctx: unknown, resource: string, client: { clientId: string }) => {
          if (resource !== RESOURCE) throw new Error(`Unknown resource ${resource}`);
          const machine = SANDBOX_MACHINE_CLIENTS.find((c) => c.clientId === client.clientId);
          return {
            scope: machine ? machine.scopes.join(" ") : "",
            audience: client.clientId,
            accessTokenTTL: accessTokenTtl,
            accessTokenFormat: "jwt",
            jwt: { sign: { alg: "RS256" } },
          };
        },
      },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx: PageContext, form: string) => {
          ctx.set("content-security-policy", PAGE_CSP);
          ctx.body = signOutPage(form);
        },
        postLogoutSuccessSource: async (ctx: PageContext) => {
          ctx.set("content-security-policy", PAGE_CSP);
          ctx.body = signedOutPage();
        },
      },
    },
    formats: { customizers: { jwt: cognitoAccessTokenShape } },
    // Like a Cognito app client with the code grant: a refresh token with every code exchange, not rotated.
    issueRefreshToken: async (_ctx: unknown, client: { grantTypeAllowed(type: string): boolean }) =>
      client.grantTypeAllowed("refresh_token"),
    rotateRefreshToken: false,
    clientBasedCORS: (_ctx: unknown, origin: string, client: { clientId: string }) =>
      client.clientId === SPA_CLIENT_ID && uiOrigins.includes(origin),
    pkce: { required: () => true },
    renderError: async (ctx: PageContext, out: { error?: string }) => {
      ctx.set("content-security-policy", PAGE_CSP);
      ctx.type = "html";
      ctx.body = errorPage("Sign-in failed", `The issuer refused the request (${out.error ?? "error"}).`);
    },
    // Cognito's defaults where it has them: ID and access tokens an hour, refresh tokens 30 days, codes 5 minutes.
    ttl: {
      AccessToken: accessTokenTtl,
      ClientCredentials: accessTokenTtl,
      AuthorizationCode: 300,
      IdToken: 3600,
      RefreshToken: 30 * 24 * 3600,
      Interaction: 3600,
      Session: 24 * 3600,
      Grant: 30 * 24 * 3600,
    },
  });
  provider.use(interactionMiddleware(provider, errors.SessionNotFound));
  server.on("request", provider.callback());

  return {
    url,
    rules: { issuer: url, audience: [SPA_CLIENT_ID, ...SANDBOX_MACHINE_CLIENTS.map((c) => c.clientId)] },
    spaConfig: { authority: url, clientId: SPA_CLIENT_ID, scope: SPA_SCOPE },
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** A fresh RS256 key pair as a private JWK, with the `kid` API Gateway looks keys up by. */
export async function generateSigningKey(): Promise<JWK> {
  const { privateKey } = await generateKeyPair("RS256", { extractable: true });
  return { ...(await exportJWK(privateKey)), kid: randomUUID(), alg: "RS256", use: "sig" };
}

/** `http://127.0.0.1:3000` → it and `http://localhost:3000`: a browser may use either spelling. */
function loopbackSpellings(origin: string): string[] {
  const url = new URL(origin);
  const spellings = new Set([url.origin]);
  for (const host of ["127.0.0.1", "localhost"]) {
    if (url.hostname === "127.0.0.1" || url.hostname === "localhost") {
      url.hostname = host;
      spellings.add(url.origin);
    }
  }
  return [...spellings];
}
