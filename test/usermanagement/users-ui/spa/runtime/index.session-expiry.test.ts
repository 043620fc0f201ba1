// Access tokens that expire while the operator works, in a real browser against a sandbox whose issuer gives
// them a lifetime of seconds: the app renews them, and when it can't, signs in again keeping what was typed.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { submitIssuerSignIn } from "../../../../support/issuer-sign-in";
import { createUserDirectly, readUser } from "../../../../support/sandbox-users";
import { useUiUnderTest } from "../../../../support/ui-under-test";

const ACCESS_TOKEN_TTL_SECONDS = 8;
const ui = useUiUnderTest({
  signIn: ["admin"],
  sandboxEnv: { SANDBOX_ACCESS_TOKEN_TTL: String(ACCESS_TOKEN_TTL_SECONDS) },
});

/** The key under which oidc-client-ts keeps the signed-in user in sessionStorage. */
const userKey = (page: Page) =>
  page.evaluate(() => Object.keys(window.sessionStorage).find((key) => key.startsWith("oidc.user:")) ?? "");

const storedAccessToken = async (page: Page) => {
  const key = await userKey(page);
  const token = await page.evaluate(
    (k) => JSON.parse(window.sessionStorage.getItem(k) ?? "{}").access_token as string | undefined,
    key,
  );
  if (!token) throw new Error("the page holds no access token");
  return token;
};

/**
 * Waits until the API refuses `token`, as it does once the token's lifetime is over: however busy the machine,
 * the test goes on exactly when the token has expired for the API, not after a guess at how long that takes.
 */
async function waitUntilRefused(token: () => Promise<string>): Promise<void> {
  await expect
    .poll(
      async () =>
        (await fetch(`${ui.url}/api/users`, { headers: { authorization: `Bearer ${await token()}` } }))
          .status,
      { timeout: 60_000, interval: 250 },
    )
    .toBe(401);
}

/**
 * Makes the page's current refresh token stop working, as when it is revoked or past its lifetime: from now on
 * the issuer receives every renewal with that token as one it never issued, and refuses it. A session started
 * later (signing in again) gets a refresh token of its own, which works: so nothing has to be mended between the
 * page's return and its first renewal, a moment a busy machine can't be timed to.
 */
async function breakRefreshToken(page: Page): Promise<void> {
  const key = await userKey(page);
  const current = await page.evaluate(
    (k) => JSON.parse(window.sessionStorage.getItem(k) ?? "{}").refresh_token as string | undefined,
    key,
  );
  if (!current) throw new Error("the page holds no refresh token");
  const isTokenEndpoint = (url: URL) => url.pathname === "/token" && url.origin !== ui.url;
  await page.context().route(isTokenEndpoint, (route) => {
    const form = new URLSearchParams(route.request().postData() ?? "");
    if (form.get("grant_type") !== "refresh_token" || form.get("refresh_token") !== current)
      return route.continue();
    form.set("refresh_token", "revoked");
    return route.continue({ postData: form.toString() });
  });
}

// Each test waits out a token's lifetime: on a busy CI machine that takes a good part of the default test
// timeout by itself.
describe("an access token that expires", { timeout: 90_000 }, () => {
  it("is renewed with the refresh token, so work goes on without signing in again", async () => {
    const app = await ui.open({ as: "admin" });
    const { page } = app;
    const first = await storedAccessToken(page);

    await waitUntilRefused(async () => first);
    const form = page.locator("#create-user-form");
    await form.getByLabel("Username", { exact: true }).fill("after.expiry");
    await form.getByLabel("Email").fill("after.expiry@example.com");
    // The API's POST, not the renewal's own POST to the issuer's token endpoint, which may go out at this moment.
    const post = page.waitForRequest(
      (request) => request.method() === "POST" && new URL(request.url()).pathname === "/api/users",
    );
    await form.getByRole("button", { name: "Add user" }).click();

    const sent = (await post).headers().authorization;
    await expect.poll(() => page.locator("#status").textContent()).toBe("Created after.expiry.");
    expect(sent).toMatch(/^Bearer /);
    expect(sent).not.toBe(`Bearer ${first}`);
    expect(await readUser(ui.url, "after.expiry")).toMatchObject({ email: "after.expiry@example.com" });
    expect(page.url()).toBe(`${ui.url}/`);
    expect(app.unexpectedErrors()).toEqual([]);
  });

  it("sends the operator to sign in again when it can't be renewed, keeping what they had typed", async () => {
    const app = await ui.open({ as: "admin", path: "/?q=after" });
    const { page } = app;
    await breakRefreshToken(page);
    // And the issuer's own session is over too, so it asks for the password.
    await app.context.clearCookies();
    await waitUntilRefused(() => storedAccessToken(page));

    const form = page.locator("#create-user-form");
    await form.getByLabel("Username", { exact: true }).fill("typed.before");
    await form.getByLabel("Display name").fill("Typed Before Expiry");
    await page
      .getByLabel("Message")
      .fill("add a user called chatted.before with email chatted.before@example.com");
    await page.getByRole("button", { name: "Send" }).click();

    await page.getByLabel("Password").waitFor();
    expect(new URL(page.url()).origin).not.toBe(ui.url);
    // The new session's refresh token works, like any new session's.
    await submitIssuerSignIn(page, "admin");
    await page.locator("#users-count[data-loaded]").waitFor();

    expect(page.url()).toBe(`${ui.url}/?q=after`);
    expect(await page.getByLabel("Message").inputValue()).toBe(
      "add a user called chatted.before with email chatted.before@example.com",
    );
    expect(await form.getByLabel("Username", { exact: true }).inputValue()).toBe("typed.before");
    expect(await form.getByLabel("Display name").inputValue()).toBe("Typed Before Expiry");
    await expect
      .poll(() => page.locator("#status").textContent())
      .toBe("You are signed in again; what you had typed is back.");
    expect(await readUser(ui.url, "chatted.before")).toBeUndefined();
    // Expected refusals only: the expired token (401) and the dead refresh token at the issuer (400).
    expect(app.unexpectedErrors(401, 400)).toEqual([]);
  });

  it("opens an edit in progress again after signing in again, still saving against the version it read", async () => {
    await createUserDirectly(ui.url, { username: "edit.kept", email: "edit.kept@example.com" });
    const app = await ui.open({ as: "admin", path: "/?q=edit.kept" });
    const { page } = app;
    await breakRefreshToken(page);
    await page.getByRole("button", { name: "Edit edit.kept" }).click();
    const dialog = page.getByRole("dialog", { name: "Edit edit.kept" });
    await dialog.getByLabel("Email").fill("kept@example.com");
    await waitUntilRefused(() => storedAccessToken(page));

    // The issuer's session is still alive, so signing in again needs no password: the page is simply back.
    const reloaded = page.waitForEvent("load");
    await dialog.getByRole("button", { name: "Save" }).click();
    await reloaded;
    await page.waitForURL(`${ui.url}/?q=edit.kept`);
    await expect.poll(() => dialog.getByLabel("Email").inputValue()).toBe("kept@example.com");
    expect(await readUser(ui.url, "edit.kept")).toMatchObject({ email: "edit.kept@example.com", version: 1 });

    const patch = page.waitForRequest((request) => request.method() === "PATCH");
    await dialog.getByRole("button", { name: "Save" }).click();
    expect((await patch).headers()["if-match"]).toBe('"1"');
    await expect.poll(() => page.locator("#status").textContent()).toBe("Saved edit.kept.");
    expect(await readUser(ui.url, "edit.kept")).toMatchObject({ email: "kept@example.com", version: 2 });
    expect(app.unexpectedErrors(401, 400)).toEqual([]);
  });
});
