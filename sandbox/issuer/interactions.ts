// The issuer's sign-in interaction: oidc-provider hands a person who must sign in to `/interaction/<uid>`; this
// middleware shows the sign-in page, checks the credentials, and grants the first-party SPA what it asked for
// without a consent screen (Cognito's managed login shows none either). No router or body-parser package is
// installed for koa, and two routes don't need one.
import type { KoaContext, KoaMiddleware, default as Provider } from "oidc-provider";
import { normalUsername, personBySignIn, type SandboxPerson } from "./accounts";
import type { PasswordLockout } from "./lockout";
import {
  AUTO_SUBMIT_SCRIPT,
  AUTO_SUBMIT_SCRIPT_PATH,
  errorPage,
  STYLESHEET,
  STYLESHEET_PATH,
  signInPage,
} from "./pages";

export const INTERACTION_PATH = "/interaction";
const INTERACTION = new RegExp(`^${INTERACTION_PATH}/([\\w-]+)(/login)?$`);
const MAX_FORM_BYTES = 8 * 1024;
const ASSETS: Record<string, { type: string; body: string }> = {
  [AUTO_SUBMIT_SCRIPT_PATH]: { type: "text/javascript", body: AUTO_SUBMIT_SCRIPT },
  [STYLESHEET_PATH]: { type: "text/css", body: STYLESHEET },
};

export function interactionMiddleware(
  provider: Provider,
  /** oidc-provider's error for an interaction whose cookie is gone or expired. */
  SessionNotFound: new (...args: never[]) => Error,
  /** Counts wrong passwords and locks accounts out as Cognito does. */
  lockout: PasswordLockout,
): KoaMiddleware {
  return async (ctx, next) => {
    const asset = ASSETS[ctx.path];
    if (asset && ctx.method === "GET") {
      ctx.type = asset.type;
      ctx.body = asset.body;
      return;
    }
    const match = INTERACTION.exec(ctx.path);
    if (!match) return next();
    ctx.set("cache-control", "no-store");
    try {
      await interact(provider, lockout, ctx, match[1], match[2] !== undefined);
    } catch (error) {
      if (!(error instanceof SessionNotFound)) throw error;
      ctx.status = 400;
      ctx.type = "html";
      ctx.body = errorPage(
        "Sign-in expired",
        "This sign-in page has expired. Go back to the app and sign in again.",
      );
    }
  };
}

async function interact(
  provider: Provider,
  lockout: PasswordLockout,
  ctx: KoaContext,
  uid: string,
  isSubmission: boolean,
) {
  const details = await provider.interactionDetails(ctx.req, ctx.res);
  const action = `${INTERACTION_PATH}/${uid}/login`;

  if (details.prompt.name === "consent") {
    await provider.interactionFinished(
      ctx.req,
      ctx.res,
      { consent: { grantId: await grantRequested(provider, details) } },
      {
        mergeWithLastSubmission: true,
      },
    );
    return;
  }
  if (details.prompt.name !== "login") {
    ctx.status = 400;
    ctx.type = "html";
    ctx.body = errorPage("Sign-in failed", "The issuer cannot complete this request.");
    return;
  }
  if (!isSubmission || ctx.method !== "POST") {
    ctx.type = "html";
    ctx.body = signInPage({ action });
    return;
  }
  const form = await readForm(ctx);
  const username = form.get("username") ?? "";
  let person: SandboxPerson | undefined;
  const verdict = lockout.attempt(normalUsername(username), () => {
    person = personBySignIn(username, form.get("password") ?? "");
    return person !== undefined;
  });
  if (verdict !== "signed-in" || !person) {
    ctx.type = "html";
    ctx.body = signInPage({ action, username, failure: verdict === "locked-out" ? "locked-out" : "wrong" });
    return;
  }
  await provider.interactionFinished(
    ctx.req,
    ctx.res,
    { login: { accountId: person.sub } },
    {
      mergeWithLastSubmission: false,
    },
  );
}

/** Grants everything the request asked for: the sandbox's only interactive client is its own SPA. */
async function grantRequested(
  provider: Provider,
  details: Awaited<ReturnType<Provider["interactionDetails"]>>,
) {
  const grant =
    (details.grantId && (await provider.Grant.find(details.grantId))) ||
    new provider.Grant({ accountId: details.session?.accountId ?? "", clientId: details.params.client_id });
  const missing = details.prompt.details as {
    missingOIDCScope?: string[];
    missingOIDCClaims?: string[];
    missingResourceScopes?: Record<string, string[]>;
  };
  if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(" "));
  if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
  for (const [resource, scopes] of Object.entries(missing.missingResourceScopes ?? {})) {
    grant.addResourceScope(resource, scopes.join(" "));
  }
  return grant.save();
}

async function readForm(ctx: KoaContext): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_FORM_BYTES) break;
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
}
