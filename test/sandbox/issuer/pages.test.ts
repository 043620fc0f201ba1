// The issuer's own pages in Chromium: sign-in (and its error), sign-out, all under their strict CSP, with no
// serious or critical accessibility violation.
import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type RunningIssuer, startIssuer } from "../../../sandbox/issuer/issuer";
import { seriousAccessibilityViolations } from "../../support/axe";
import { type AppPage, launchBrowser, watchedPage } from "../../support/browser";
import { issuerClients } from "../../support/sandbox-assembly";

const UI_URL = "http://127.0.0.1:3999";
let issuer: RunningIssuer;
let browser: Browser;
let context: BrowserContext;
let app: AppPage;
beforeAll(async () => {
  [issuer, browser] = await Promise.all([startIssuer({ clients: issuerClients(UI_URL) }), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await issuer?.stop();
});
beforeEach(async () => {
  context = await browser.newContext();
  // Nothing listens at the UI's address in this test: the browser's arrival there is answered here.
  await context.route(`${UI_URL}/**`, (route) =>
    route.fulfill({ contentType: "text/html", body: "<!DOCTYPE html><title>UI</title><h1>UI</h1>" }),
  );
  app = await watchedPage(context);
});
afterEach(() => context?.close());

/** The sign-in page, reached as the SPA sends a browser there. */
async function openSignIn() {
  const authorize = new URL(`${issuer.url}/auth`);
  authorize.search = new URLSearchParams({
    client_id: "users-ui",
    redirect_uri: `${UI_URL}/`,
    response_type: "code",
    scope: "openid email profile",
    // RFC 7636's example challenge: the code is never exchanged here.
    code_challenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
    code_challenge_method: "S256",
    state: "pages-test",
  }).toString();
  await app.page.goto(authorize.href);
  await app.page.getByRole("heading", { name: "Sign in to User Management" }).waitFor();
}

describe("the sign-in page", () => {
  it("has a heading, labelled fields and no serious accessibility violation, under its CSP", async () => {
    await openSignIn();

    expect(await seriousAccessibilityViolations(app.page)).toEqual([]);
    await expect(app.page.getByLabel("Username").isVisible()).resolves.toBe(true);
    await expect(app.page.getByLabel("Password").isVisible()).resolves.toBe(true);
    const response = await app.page.request.get(app.page.url());
    expect(response.headers()["content-security-policy"]).toContain("script-src 'self'");
    expect(app.unexpectedErrors()).toEqual([]);
  });

  it("announces a wrong password and stays accessible", async () => {
    await openSignIn();

    await app.page.getByLabel("Username").fill("viewer");
    await app.page.getByLabel("Password").fill("not-the-password");
    await app.page.getByRole("button", { name: "Sign in" }).click();

    await expect(app.page.getByRole("alert").textContent()).resolves.toBe("Incorrect username or password.");
    expect(await app.page.getByLabel("Username").inputValue()).toBe("viewer");
    expect(await seriousAccessibilityViolations(app.page)).toEqual([]);
    expect(app.unexpectedErrors()).toEqual([]);
  });

  it("returns the signed-in person to the SPA with a code", async () => {
    await openSignIn();

    await app.page.getByLabel("Username").fill("admin");
    await app.page.getByLabel("Password").fill("admin-password");
    await app.page.getByRole("button", { name: "Sign in" }).click();

    await app.page.waitForURL((url) => url.origin === UI_URL);
    expect(new URL(app.page.url()).searchParams.get("code")).toBeTruthy();
    expect(app.unexpectedErrors()).toEqual([]);
  });
});

describe("signing out", () => {
  it("ends the session without asking and returns to the SPA, with no script blocked by the CSP", async () => {
    await openSignIn();
    await app.page.getByLabel("Username").fill("admin");
    await app.page.getByLabel("Password").fill("admin-password");
    await app.page.getByRole("button", { name: "Sign in" }).click();
    await app.page.waitForURL((url) => url.origin === UI_URL);

    const discovery = await (await fetch(`${issuer.url}/.well-known/openid-configuration`)).json();
    const signOut = new URL(discovery.end_session_endpoint);
    signOut.search = new URLSearchParams({
      client_id: "users-ui",
      post_logout_redirect_uri: `${UI_URL}/`,
    }).toString();
    await app.page.goto(signOut.href);

    await app.page.waitForURL(`${UI_URL}/`);
    // Signed out: a new sign-in asks for the password again instead of returning straight to the SPA.
    await openSignIn();
    expect(app.unexpectedErrors()).toEqual([]);
  });
});
