// The Users UI's forms and table in a real browser, against `npm start`.
import { describe, expect, it } from "vitest";
import { seriousAccessibilityViolations } from "../../../../support/axe";
import { type AppPage, PHONE_VIEWPORT, screenshot } from "../../../../support/browser";
import {
  allUsernames,
  createUserDirectly,
  patchUserDirectly,
  readUser,
} from "../../../../support/sandbox-users";
import { useUiUnderTest } from "../../../../support/ui-under-test";
import { outcome, row as rowOf, shownUsernames } from "../../../../support/users-page";

const ui = useUiUnderTest({ signIn: ["admin"] });
let app: AppPage;

const row = (username: string) => rowOf(app.page, username);
const createForm = () => app.page.locator("#create-user-form");
const status = () => outcome(app.page);

describe("the users table and forms", () => {
  it("creates a user from the form with visible labels and shows it in the table", async () => {
    app = await ui.open({ as: "admin" });
    const form = createForm();
    await form.getByLabel("Username").fill("Form.Creator");
    await form.getByLabel("Email").fill("form.creator@example.com");
    await form.getByLabel("Display name").fill("Form Creator");
    await form.getByRole("button", { name: "Add user" }).click();

    await expect.poll(() => row("form.creator").textContent()).toContain("form.creator@example.com");
    await expect.poll(() => status().textContent()).toBe("Created form.creator.");
    expect(await row("form.creator").textContent()).toContain("Form Creator");
    expect(await form.getByLabel("Username").inputValue()).toBe("");
    expect(await readUser(ui.url, "form.creator")).toMatchObject({
      displayName: "Form Creator",
      version: 1,
    });
    expect(await seriousAccessibilityViolations(app.page)).toEqual([]);
    await screenshot(app.page, "created-user");
    expect(app.unexpectedErrors()).toEqual([]);
  });

  it("creates a user with the keyboard alone", async () => {
    app = await ui.open({ as: "admin" });
    await app.page.getByLabel("Username", { exact: true }).focus();
    await app.page.keyboard.type("keyboard.user");
    await app.page.keyboard.press("Tab");
    await app.page.keyboard.type("keyboard.user@example.com");
    await app.page.keyboard.press("Enter");

    await expect.poll(() => row("keyboard.user").count()).toBe(1);
    expect(await app.page.evaluate(() => document.activeElement?.id)).toBe("create-username");
    expect(app.unexpectedErrors()).toEqual([]);
  });

  it("shows the API's field errors next to the fields: an invalid email, then a taken username", async () => {
    await createUserDirectly(ui.url, { username: "taken.name", email: "taken.name@example.com" });
    app = await ui.open({ as: "admin" });
    const form = createForm();
    await form.getByLabel("Username").fill("fresh.name");
    await form.getByLabel("Email").fill("not-an-email");
    await form.getByRole("button", { name: "Add user" }).click();

    const emailError = form.locator("#create-email-error");
    await expect.poll(() => emailError.textContent()).toBe("Email must be a valid email address.");
    expect(await form.getByLabel("Email").getAttribute("aria-invalid")).toBe("true");
    expect(await app.page.evaluate(() => document.activeElement?.id)).toBe("create-email");
    expect(await seriousAccessibilityViolations(app.page)).toEqual([]);
    await screenshot(app.page, "field-error-invalid-email");

    await form.getByLabel("Username").fill("taken.name");
    await form.getByLabel("Email").fill("someone.else@example.com");
    await form.getByRole("button", { name: "Add user" }).click();

    const usernameError = form.locator("#create-username-error");
    await expect.poll(() => usernameError.textContent()).toBe("Username is already taken.");
    expect(await emailError.isHidden()).toBe(true);
    expect(await form.getByLabel("Email").getAttribute("aria-invalid")).toBeNull();
    expect(await readUser(ui.url, "fresh.name")).toBeUndefined();
    expect(await readUser(ui.url, "taken.name")).toMatchObject({ email: "taken.name@example.com" });
    expect(app.unexpectedErrors(400, 409)).toEqual([]);
  });

  it("edits email and display name, sending If-Match with the version it read", async () => {
    await createUserDirectly(ui.url, { username: "edit.me", email: "edit.me@example.com" });
    app = await ui.open({ as: "admin" });
    await app.page.getByRole("button", { name: "Edit edit.me" }).click();
    const dialog = app.page.getByRole("dialog", { name: "Edit edit.me" });
    await expect.poll(() => dialog.getByLabel("Email").inputValue()).toBe("edit.me@example.com");
    expect(await app.page.evaluate(() => document.activeElement?.id)).toBe("edit-email");
    // The version in an operator's words: when the user was added, and how often it has changed since.
    expect(await dialog.locator("#edit-history").textContent()).toMatch(/^Added .+; not changed since\.$/);
    expect(await seriousAccessibilityViolations(app.page)).toEqual([]);

    await dialog.getByLabel("Email").fill("edited@example.com");
    await dialog.getByLabel("Display name").fill("Edited Name");
    const patch = app.page.waitForRequest((r) => r.method() === "PATCH");
    await dialog.getByRole("button", { name: "Save" }).click();

    const request = await patch;
    expect(request.headers()["if-match"]).toBe('"1"');
    expect(request.postDataJSON()).toEqual({ email: "edited@example.com", displayName: "Edited Name" });
    await expect.poll(() => status().textContent()).toBe("Saved edit.me.");
    expect(await dialog.isHidden()).toBe(true);
    expect(await row("edit.me").textContent()).toContain("edited@example.com");
    const saved = await readUser(ui.url, "edit.me");
    expect(saved).toMatchObject({ version: 2 });
    expect(await row("edit.me").locator('[data-label="Last changed"] time').getAttribute("datetime")).toBe(
      saved?.updatedAt,
    );
    await expect
      .poll(() => app.page.evaluate(() => document.activeElement?.getAttribute("aria-label")))
      .toBe("Edit edit.me");
    expect(app.unexpectedErrors()).toEqual([]);
  });

  it("after a change made elsewhere, keeps what was typed and fills in the other change, to save both", async () => {
    await createUserDirectly(ui.url, { username: "stale.edit", email: "stale.edit@example.com" });
    app = await ui.open({ as: "admin" });
    await app.page.getByRole("button", { name: "Edit stale.edit" }).click();
    const dialog = app.page.getByRole("dialog", { name: "Edit stale.edit" });
    await expect.poll(() => dialog.getByLabel("Email").inputValue()).toBe("stale.edit@example.com");

    // Someone else changes the display name after the page read the user and before it saves.
    await patchUserDirectly(ui.url, "stale.edit", { displayName: "Changed Elsewhere" });
    await dialog.getByLabel("Email").fill("mine@example.com");
    await dialog.getByRole("button", { name: "Save" }).click();

    const conflict = dialog.locator(".conflict");
    await expect.poll(() => conflict.isVisible()).toBe(true);
    expect(await conflict.textContent()).toBe(
      "Someone else changed this user while you were editing. Their change is filled in and yours is kept: save to apply both.",
    );
    expect(await dialog.getByLabel("Email").inputValue()).toBe("mine@example.com");
    expect(await dialog.getByLabel("Display name").inputValue()).toBe("Changed Elsewhere");
    expect(await dialog.locator("#edit-displayName-theirs").textContent()).toContain(
      "Changed elsewhere to “Changed Elsewhere”; filled in.",
    );
    expect(await readUser(ui.url, "stale.edit")).toMatchObject({
      email: "stale.edit@example.com",
      version: 2,
    });
    expect(await seriousAccessibilityViolations(app.page)).toEqual([]);
    await screenshot(app.page, "edit-conflict-merged");

    const patch = app.page.waitForRequest((request) => request.method() === "PATCH");
    await dialog.getByRole("button", { name: "Save" }).click();
    // Against the version it has now shown, and with only the operator's own change.
    const request = await patch;
    expect(request.headers()["if-match"]).toBe('"2"');
    expect(request.postDataJSON()).toEqual({ email: "mine@example.com" });
    await expect.poll(() => status().textContent()).toBe("Saved stale.edit.");
    expect(await readUser(ui.url, "stale.edit")).toMatchObject({
      email: "mine@example.com",
      displayName: "Changed Elsewhere",
      version: 3,
    });
    expect(app.unexpectedErrors(412)).toEqual([]);
  });

  it("when both changed the same field, shows their value beside what was typed, to keep or take", async () => {
    await createUserDirectly(ui.url, {
      username: "both.edit",
      email: "both.edit@example.com",
      displayName: "Both Edit",
    });
    app = await ui.open({ as: "admin" });
    await app.page.getByRole("button", { name: "Edit both.edit" }).click();
    const dialog = app.page.getByRole("dialog", { name: "Edit both.edit" });
    await expect.poll(() => dialog.getByLabel("Email").inputValue()).toBe("both.edit@example.com");

    await patchUserDirectly(ui.url, "both.edit", { email: "theirs@example.com", displayName: "Their Name" });
    await dialog.getByLabel("Email").fill("mine.too@example.com");
    await dialog.getByLabel("Display name").fill("My Name");
    await dialog.getByRole("button", { name: "Save" }).click();

    const theirEmail = dialog.locator("#edit-email-theirs");
    await expect.poll(() => theirEmail.isVisible()).toBe(true);
    expect(await theirEmail.locator("p").textContent()).toBe("Changed elsewhere to “theirs@example.com”.");
    expect(await dialog.getByLabel("Email").inputValue()).toBe("mine.too@example.com");
    expect(await dialog.getByLabel("Display name").inputValue()).toBe("My Name");
    // Focus lands on the first field to decide, which names the other side's value.
    expect(await app.page.evaluate(() => document.activeElement?.id)).toBe("edit-email");
    expect(await dialog.getByLabel("Email").getAttribute("aria-describedby")).toContain("edit-email-theirs");
    expect(await seriousAccessibilityViolations(app.page)).toEqual([]);

    await theirEmail.getByRole("button", { name: "Use theirs" }).click();
    expect(await dialog.getByLabel("Email").inputValue()).toBe("theirs@example.com");
    const patch = app.page.waitForRequest((request) => request.method() === "PATCH");
    await dialog.getByRole("button", { name: "Save" }).click();
    expect((await patch).postDataJSON()).toEqual({ displayName: "My Name" });
    await expect.poll(() => status().textContent()).toBe("Saved both.edit.");
    expect(await readUser(ui.url, "both.edit")).toMatchObject({
      email: "theirs@example.com",
      displayName: "My Name",
      version: 3,
    });
    expect(app.unexpectedErrors(412)).toEqual([]);
  });

  it("deletes a user only after confirmation in an accessible dialog", async () => {
    await createUserDirectly(ui.url, { username: "delete.me", email: "delete.me@example.com" });
    app = await ui.open({ as: "admin" });
    await app.page.getByRole("button", { name: "Delete delete.me" }).click();
    const dialog = app.page.getByRole("dialog", { name: "Delete user?" });
    expect(await dialog.textContent()).toContain("delete.me");
    // Focus starts on the safe choice, and Escape backs out.
    expect(await app.page.evaluate(() => document.activeElement?.textContent)).toBe("Cancel");
    await app.page.keyboard.press("Escape");
    expect(await dialog.isHidden()).toBe(true);
    await app.page.getByRole("button", { name: "Delete delete.me" }).click();
    await dialog.getByRole("button", { name: "Cancel" }).click();
    expect(await readUser(ui.url, "delete.me")).toBeDefined();

    await app.page.getByRole("button", { name: "Delete delete.me" }).click();
    expect(await seriousAccessibilityViolations(app.page)).toEqual([]);
    await screenshot(app.page, "delete-confirmation");
    await dialog.getByRole("button", { name: "Delete" }).click();

    await expect.poll(() => status().textContent()).toBe("Deleted delete.me.");
    expect(await row("delete.me").count()).toBe(0);
    expect(await readUser(ui.url, "delete.me")).toBeUndefined();
    expect(app.unexpectedErrors()).toEqual([]);
  });

  it("pages through every user with nextCursor, counting what each page shows", async () => {
    for (let n = 1; n <= 7; n++) {
      await createUserDirectly(ui.url, { username: `pager${n}`, email: `pager${n}@example.com` });
    }
    const expected = await allUsernames(ui.url);
    app = await ui.open({ as: "admin" });
    await app.page.getByLabel("Rows per page").selectOption("5");
    const count = app.page.locator("#users-count");
    await expect.poll(() => count.textContent()).toBe("Page 1: users 1–5, more on the next page.");
    expect(await app.page.getByRole("button", { name: "Previous" }).isDisabled()).toBe(true);

    const seen: string[] = [];
    const counts: string[] = [];
    for (;;) {
      seen.push(...(await shownUsernames(app.page)));
      counts.push((await count.textContent()) ?? "");
      const next = app.page.getByRole("button", { name: "Next" });
      if (await next.isDisabled()) break;
      const before = await count.textContent();
      await next.click();
      await expect.poll(() => count.textContent()).not.toBe(before);
    }

    expect(seen).toEqual(expected);
    const pages = Math.ceil(expected.length / 5);
    expect(counts).toHaveLength(pages);
    expect(counts[pages - 1]).toBe(`Page ${pages}: users ${(pages - 1) * 5 + 1}–${expected.length}.`);
    await app.page.getByRole("button", { name: "Previous" }).click();
    await expect.poll(() => count.textContent()).toBe(counts[pages - 2]);
    expect(app.unexpectedErrors()).toEqual([]);
  });

  it("says clearly when the Users API is unreachable or answers 5xx", async () => {
    app = await ui.open({ as: "admin" });
    await app.page.route("**/api/users?*", (route) => route.abort("connectionrefused"));
    await app.page.getByRole("button", { name: "Refresh" }).click();
    await expect
      .poll(() => status().textContent())
      .toBe("The Users API is unreachable. Check your connection and try again.");

    await app.page.unroute("**/api/users?*");
    await app.page.route("**/api/users?*", (route) =>
      route.fulfill({
        status: 503,
        contentType: "application/json",
        body: '{"message":"Service Unavailable"}',
      }),
    );
    await app.page.getByRole("button", { name: "Refresh" }).click();
    await expect
      .poll(() => status().textContent())
      .toBe("The Users API is having trouble (HTTP 503). Try again in a moment.");
    expect(await status().getAttribute("data-kind")).toBe("error");
    expect(app.unexpectedErrors("network", 503)).toEqual([]);
  });

  it("is usable at phone width: nothing scrolls sideways and every action stays in reach", async () => {
    await createUserDirectly(ui.url, { username: "phone.user", email: "phone.user@example.com" });
    app = await ui.open({ as: "admin", viewport: PHONE_VIEWPORT });
    const { page } = app;
    // Whichever user the first page starts with: the table's order is the API's.
    const [username] = await shownUsernames(page);
    const pageWidth = () => page.evaluate(() => document.documentElement.scrollWidth);
    expect(await pageWidth()).toBeLessThanOrEqual(PHONE_VIEWPORT.width);
    for (const name of [`Edit ${username}`, `Delete ${username}`, "Add user", "Next", "Send"]) {
      const box = await page.getByRole("button", { name, exact: true }).boundingBox();
      expect(box, name).not.toBeNull();
      expect((box?.x ?? -1) + (box?.width ?? 0), name).toBeLessThanOrEqual(PHONE_VIEWPORT.width);
      expect(box?.height ?? 0, name).toBeGreaterThanOrEqual(44);
    }
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, "phone-width");

    await page.getByRole("button", { name: `Edit ${username}` }).click();
    const dialog = page.getByRole("dialog", { name: `Edit ${username}` });
    await dialog.getByLabel("Display name").fill("On A Phone");
    const dialogBox = await dialog.boundingBox();
    expect((dialogBox?.x ?? -1) + (dialogBox?.width ?? 0)).toBeLessThanOrEqual(PHONE_VIEWPORT.width);
    await screenshot(page, "phone-width-edit");
    await dialog.getByRole("button", { name: "Save" }).click();
    await expect.poll(() => row(username).textContent()).toContain("On A Phone");
    expect(await pageWidth()).toBeLessThanOrEqual(PHONE_VIEWPORT.width);
    expect(app.unexpectedErrors()).toEqual([]);
  });
});
