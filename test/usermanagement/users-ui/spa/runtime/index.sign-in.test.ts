// Signing in and out in a real browser through the sandbox's OpenID issuer, and what each role sees; every
// screen on the way passes an axe-core audit.
import type { Request } from "playwright-core";
import { describe, expect, it } from "vitest";
import { SPA_CLIENT_ID } from "../../../../../sandbox/issuer/accounts";
import { seriousAccessibilityViolations } from "../../../../support/axe";
import { screenshot, usersLoaded } from "../../../../support/browser";
import { chat } from "../../../../support/chat-panel";
import { credentialsOf, signedInAs, submitIssuerSignIn } from "../../../../support/issuer-sign-in";
import { createUserDirectly, machineToken, readUser } from "../../../../support/sandbox-users";
import { useUiUnderTest } from "../../../../support/ui-under-test";

const ui = useUiUnderTest({ signIn: ["admin", "viewer"] });

describe("signing in and out", () => {
  it("shows a signed-out visitor only the Sign in screen, calling no API", async () => {
    const apiCalls: string[] = [];
    const app = await ui.open();
    app.page.on("request", (request) => {
      if (new URL(request.url()).pathname.startsWith("/api/")) apiCalls.push(request.url());
    });

    expect(await app.page.getByRole("heading", { name: "Sign in" }).isVisible()).toBe(true);
    expect(await app.page.locator("#workspace").isHidden()).toBe(true);
    expect(await app.page.locator("#account").isHidden()).toBe(true);
    expect(await seriousAccessibilityViolations(app.page)).toEqual([]);
    await screenshot(app.page, "sign-in-screen");
    expect(apiCalls).toEqual([]);
    expect(app.unexpectedErrors()).toEqual([]);
  });

  it("says why when the issuer refused the sign-in, and cleans the address keeping the search", async () => {
    const app = await ui.open({
      path: "/?q=al&error=access_denied&error_description=Account%20disabled&state=x1",
    });

    const alert = app.page.locator("#sign-in-problem");
    await expect.poll(() => alert.textContent()).toBe("The sign-in did not complete: Account disabled.");
    expect(app.page.url()).toBe(`${ui.url}/?q=al`);
    expect(await app.page.getByRole("button", { name: "Sign in" }).isEnabled()).toBe(true);
    expect(await seriousAccessibilityViolations(app.page)).toEqual([]);
    expect(app.unexpectedErrors()).toEqual([]);
  });

  it("says so when its settings can't be loaded, rather than offer a sign-in that can't work", async () => {
    const app = await ui.open();
    await app.page.route("**/config.json", (route) => route.fulfill({ status: 404, body: "Not Found" }));
    await app.page.reload();

    const alert = app.page.locator("#sign-in-problem");
    await expect
      .poll(() => alert.textContent())
      .toBe("The sign-in settings could not be loaded. Reload the page to try again.");
    expect(await app.page.getByRole("button", { name: "Sign in" }).isDisabled()).toBe(true);
    expect(app.unexpectedErrors(404)).toEqual([]);
  });

  it("signs the admin in on the issuer's page, back to a clean address, with every call carrying the token", async () => {
    const app = await ui.open({ path: "/?q=adm" });
    const usersCalls: Request[] = [];
    app.page.on("request", (request) => {
      if (new URL(request.url()).pathname === "/api/users") usersCalls.push(request);
    });
    await app.page.getByRole("button", { name: "Sign in" }).click();
    await app.page.getByLabel("Password").waitFor();
    expect(new URL(app.page.url()).origin).not.toBe(ui.url);
    expect(await seriousAccessibilityViolations(app.page)).toEqual([]);
    await screenshot(app.page, "issuer-sign-in");

    // A wrong password is refused on the issuer's page, which stays accessible with its error.
    await app.page.getByLabel("Username").fill("admin");
    await app.page.getByLabel("Password").fill("not-the-password");
    await app.page.getByRole("button", { name: "Sign in" }).click();
    await app.page.getByRole("alert").waitFor();
    expect(await seriousAccessibilityViolations(app.page)).toEqual([]);
    await submitIssuerSignIn(app.page, "admin");
    await usersLoaded(app.page);

    // The authorization response is gone from the address; the app's own search is kept.
    expect(app.page.url()).toBe(`${ui.url}/?q=adm`);
    expect(await app.page.getByLabel("Search by username or email").inputValue()).toBe("adm");
    expect(await app.page.locator("#account").textContent()).toMatch(
      signedInAs(credentialsOf("admin").email, "(admin)"),
    );
    expect(await app.page.getByRole("button", { name: "Add user" }).isVisible()).toBe(true);
    expect(usersCalls.length).toBeGreaterThan(0);
    for (const call of usersCalls)
      expect(call.headers().authorization).toMatch(/^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);
    expect(await seriousAccessibilityViolations(app.page)).toEqual([]);
    // The wrong password's page answered 200 with its error; nothing else may have been logged.
    expect(app.unexpectedErrors()).toEqual([]);
  });

  it("shows a viewer the users without add, edit or delete controls, and the chat refuses a change", async () => {
    await createUserDirectly(ui.url, { username: "seen.only", email: "seen.only@example.com" });
    const app = await ui.open({ as: "viewer", path: "/?q=seen" });
    const { page } = app;
    await page.locator('#users-table tbody tr[data-username="seen.only"]').waitFor();

    expect(await page.locator("#account").textContent()).toMatch(
      signedInAs(credentialsOf("viewer").email, "(viewer: read only)"),
    );
    expect(await page.locator("#create-user-form").isHidden()).toBe(true);
    expect(await page.locator("#users-table button").count()).toBe(0);
    expect(await page.locator("#users-table th.actions-column").isHidden()).toBe(true);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // The Chatbot API reads the viewer's groups from the token and says so before anything else.
    const refused = await chat(page, "add a user called viewer.made with email viewer.made@example.com");
    expect(refused).toEqual([
      expect.stringMatching(/^Assistant: You are signed in as a viewer.*only admins can/),
    ]);
    expect(await readUser(ui.url, "viewer.made")).toBeUndefined();
    expect(await chat(page, "what is seen.only's email?")).toContain(
      "Done: Found seen.only (email seen.only@example.com).",
    );
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, "viewer-read-only");
    expect(app.unexpectedErrors()).toEqual([]);
  });

  it("puts the Users API's 403 refusal in plain words and changes nothing", async () => {
    const app = await ui.open({ as: "admin" });
    // The request leaves with a read-only machine token instead: the API itself must refuse it.
    const readOnly = await machineToken(ui.url, true);
    await app.page.route("**/api/users", (route) =>
      route.continue({ headers: { ...route.request().headers(), authorization: `Bearer ${readOnly}` } }),
    );
    const refusal = await fetch(`${ui.url}/api/users`, {
      method: "POST",
      headers: { authorization: `Bearer ${readOnly}`, "content-type": "application/json" },
      body: JSON.stringify({ username: "never.made", email: "never.made@example.com" }),
    });
    expect(refusal.status).toBe(403);
    const { detail } = (await refusal.json()) as { detail: string };

    const form = app.page.locator("#create-user-form");
    await form.getByLabel("Username").fill("never.made");
    await form.getByLabel("Email").fill("never.made@example.com");
    await form.getByRole("button", { name: "Add user" }).click();

    await expect.poll(() => form.locator(".form-alert").textContent()).toBe(detail);
    expect(await form.getByLabel("Username").inputValue()).toBe("never.made");
    expect(await readUser(ui.url, "never.made")).toBeUndefined();
    expect(app.unexpectedErrors(403)).toEqual([]);
  });

  it("signs out at the endpoint config.json names, as Cognito's /logout wants it, when discovery names none", async () => {
    const app = await ui.open({ as: "admin" });
    const { page } = app;
    const cognitoLogout = "https://sign-in.example.test/logout";
    await page.route("**/config.json", async (route) => {
      const config = await (await route.fetch()).json();
      await route.fulfill({ json: { ...config, signOutEndpoint: cognitoLogout } });
    });
    await page.route(`${cognitoLogout}?*`, (route) =>
      route.fulfill({ contentType: "text/html", body: "<!doctype html><title>Signed out</title>" }),
    );
    await page.reload();
    await usersLoaded(page);

    const logout = page.waitForRequest((request) => request.url().startsWith(cognitoLogout));
    await page.getByRole("button", { name: "Sign out" }).click();

    const params = new URL((await logout).url()).searchParams;
    expect(params.get("client_id")).toBe(SPA_CLIENT_ID);
    expect(params.get("logout_uri")).toBe(`${ui.url}/`);
    expect(app.unexpectedErrors()).toEqual([]);
  });

  it("signs out at the issuer and comes back to the Sign in screen, and the next sign-in asks again", async () => {
    const app = await ui.open();
    const { page } = app;
    await page.getByRole("button", { name: "Sign in" }).click();
    await submitIssuerSignIn(page, "viewer");
    await usersLoaded(page);

    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL(`${ui.url}/`);
    await page.getByRole("button", { name: "Sign in" }).waitFor();
    expect(await page.locator("#workspace").isHidden()).toBe(true);
    const kept = await page.evaluate(() =>
      Object.keys(window.sessionStorage).filter((k) => k.startsWith("oidc.")),
    );
    expect(kept).toEqual([]);

    await page.getByRole("button", { name: "Sign in" }).click();
    // The issuer's session ended too: it asks for the password rather than signing the viewer straight back in.
    await page.getByLabel("Password").waitFor();
    expect(new URL(page.url()).origin).not.toBe(ui.url);
    expect(app.unexpectedErrors()).toEqual([]);
  });
});
