// The sandbox's OpenID issuer: oidc-provider (OpenID Certified) on its own loopback port in the sandbox's
// process, behaving as a Cognito user pool does towards its app clients: RS256 access tokens shaped like
// Cognito's, ID tokens marked `token_use: "id"`, each client granted only the scopes it is allowed
// (`invalid_scope` for any other), repeated wrong passwords locking the account for a while.
import { randomBytes, randomUUID } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, type JWK } from "jose";
import type { JwtAuthorizerRules } from "../../usermanagement/shared/jwt-authorizer-rules";
import { RESOURCE_SERVER_IDENTIFIER } from "../../usermanagement/shared/runtime/access";
import { SandboxStartError } from "../start-error";
import { personById } from "./accounts";
import { browserOrigins, type IssuerClient, isResourceScope, providerClientMetadata } from "./clients";
import { INTERACTION_PATH, interactionMiddleware } from "./interactions";
import { loadOidcProvider } from "./load-oidc-provider";
import { PasswordLockout } from "./lockout";
import { errorPage, PAGE_CSP, signedOutPage, signOutPage } from "./pages";
import { cognitoAccessTokenShape } from "./token-shape";

export interface IssuerOptions {
  /**
   * The app clients, as the user pool's are configured (sandbox/issuer/accounts.ts has the sandbox's own). A
   * client's browser origins (its redirect URIs') may call the issuer (CORS).
   */
  readonly clients: readonly IssuerClient[];
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
  /**
   * The clock the password lockout counts with, in milliseconds; a test drives it rather than sleeping.
   * @default Date.now
   */
  readonly now?: () => number;
}

export interface RunningIssuer {
  /** The issuer identifier, e.g. `http://127.0.0.1:43121`; discovery is at `<url>/.well-known/openid-configuration`. */
  readonly url: string;
  /** What the JWT authorizers must check for this issuer: its URL and every client's id. */
  readonly rules: JwtAuthorizerRules;
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
  const { clients } = options;
  const clientById = (id: string) => clients.find((client) => client.clientId === id);

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
    clients: clients.map(providerClientMetadata),
    scopes: ["openid", ...new Set(clients.flatMap((client) => client.allowedScopes))],
    claims: {
      // The ID token carries what Cognito's does, so the SPA shows the person and their role alike.
      openid: ["sub", "cognito:username", "cognito:groups", "token_use"],
      email: ["email", "email_verified"],
      profile: ["preferred_username"],
    },
    conformIdTokenClaims: false,
    findAccount: async (_ctx: unknown, sub: string) => {
      const person = personById(sub);
      if (!person) return undefined;
      return {
        accountId: sub,
        claims: async (use: string) => ({
          sub,
          // Cognito marks each token with its use; an ID token's is "id" (userinfo has no such claim).
          token_use: use === "id_token" ? "id" : undefined,
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
      // Cognito's /oauth2/revoke: sign-out revokes the refresh token.
      revocation: { enabled: true },
      // Without a resource indicator oidc-provider issues opaque tokens; a default resource makes a bare
      // `grant_type=client_credentials`, and the SPA's code exchange, return a JWT as Cognito's endpoint does.
      resourceIndicators: {
        enabled: true,
        defaultResource: async () => RESOURCE,
        useGrantedResource: async () => true,
        getResourceServerInfo: async (ctx: ScopeContext, resource: string, client: { clientId: string }) => {
          if (resource !== RESOURCE) throw new Error(`Unknown resource ${resource}`);
          const allowed = clientById(client.clientId)?.allowedScopes ?? [];
          refuseScopesNotAllowed(ctx, allowed, errors.InvalidScope);
          return {
            scope: allowed.filter(isResourceScope).join(" "),
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
          ctx.body = signOutPage(form);
        },
        postLogoutSuccessSource: async (ctx: PageContext) => {
          ctx.body = signedOutPage();
        },
      },
    },
    formats: { customizers: { jwt: cognitoAccessTokenShape(clients) } },
    // Like a Cognito app client with the code grant: a refresh token with every code exchange, not rotated.
    issueRefreshToken: async (_ctx: unknown, client: { grantTypeAllowed(type: string): boolean }) =>
      client.grantTypeAllowed("refresh_token"),
    rotateRefreshToken: false,
    clientBasedCORS: (_ctx: unknown, origin: string, client: { clientId: string }) => {
      const known = clientById(client.clientId);
      return known !== undefined && browserOrigins(known).includes(origin);
    },
    pkce: { required: () => true },
    renderError: async (ctx: PageContext, out: { error?: string }) => {
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
  // Every answer carries the pages' CSP, set before oidc-provider renders anything: its own pages (the form that
  // posts a sign-out or an authorization response on) then add their inline script's hash to it, and no page of
  // the issuer's goes out without one.
  provider.use(async (ctx: PageContext, next: () => Promise<void>) => {
    ctx.set("content-security-policy", PAGE_CSP);
    await next();
  });
  provider.use(
    interactionMiddleware(provider, errors.SessionNotFound, new PasswordLockout(options.now ?? Date.now)),
  );
  server.on("request", provider.callback());

  return {
    url,
    rules: { issuer: url, audience: clients.map((client) => client.clientId) },
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

/** What the scope check reads of oidc-provider's context: the request's parameters. */
interface ScopeContext {
  readonly oidc: { readonly params?: { readonly scope?: unknown } };
}

/**
 * Refuses a request naming a scope the client is not allowed, known to the issuer or not, with `invalid_scope`:
 * Cognito's authorization endpoint redirects "If the client requests invalid, unknown, malformed scope" with
 * `error=invalid_scope` ("The redirect and authorization endpoint", negative responses), and its token endpoint
 * answers a client-credentials request the same way. oidc-provider checks only the scopes it knows; this runs
 * where both endpoints resolve the resource server, before anything is issued, so its error takes the endpoint's
 * own path (a redirect to the client, or a 400 from the token endpoint).
 */
function refuseScopesNotAllowed(
  ctx: ScopeContext,
  allowed: readonly string[],
  InvalidScope: new (description: string, scope: string) => Error,
): void {
  const requested = typeof ctx.oidc.params?.scope === "string" ? ctx.oidc.params.scope.split(" ") : [];
  const refused = requested.filter((scope) => scope !== "" && !allowed.includes(scope));
  if (refused.length > 0) throw new InvalidScope("requested scope is not allowed", refused.join(" "));
}
