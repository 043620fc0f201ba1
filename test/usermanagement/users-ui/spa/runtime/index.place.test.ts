// Keeping the operator's place in the users table, in a real browser against `npm start`, at a small laptop's
// width and a phone's: outcomes beside the table, the user just added shown, focus after a delete, the page in
// the address, a pager within reach, and a chat change that reloads the page shown rather than the first.
import { beforeAll, describe, expect, it } from "vitest";
import { seriousAccessibilityViolations } from "../../../../support/axe";
import { LAPTOP_VIEWPORT, PHONE_VIEWPORT, screenshot } from "../../../../support/browser";
import { chat } from "../../../../support/chat-panel";
import { allUsernames, createUserDirectly, readUser } from "../../../../support/sandbox-users";
import { useUiUnderTest } from "../../../../support/ui-under-test";
import {
  focused,
  inView,
  outcome,
  position,
  positionIs,
  row,
  shownUsernames,
} from "../../../../support/users-page";

const ui = useUiUnderTest({ signIn: ["admin"] });

const SCREENS = [
  ["a small laptop", LAPTOP_VIEWPORT],
  ["a phone", PHONE_VIEWPORT],
] as const;

beforeAll(async () => {
  for (let n = 1; n <= 24; n++) {
    const username = `mia${String(n).padStart(2, "0")}`;
    await createUserDirectly(ui.url, { username, email: `${username}@example.com`, displayName: `Mia ${n}` });
  }
});

describe("keeping the operator's place", () => {
  it.each(SCREENS)(
    "on %s, shows the outcome beside the table and the user just added, in view",
    async (_, viewport) => {
      const app = await ui.open({ as: "admin", viewport });
      const { page } = app;
      const form = page.locator("#create-user-form");
      const suffix = viewport.width;
      await form.getByLabel("Username", { exact: true }).fill(`mia03.new${suffix}`);
      await form.getByLabel("Email").fill(`mia03.new${suffix}@example.com`);
      await form.getByRole("button", { name: "Add user" }).click();

      await expect.poll(() => outcome(page).textContent()).toBe(`Created mia03.new${suffix}.`);
      expect(await outcome(page).getAttribute("role")).toBe("status");
      expect(await inView(outcome(page))).toBe(true);
      // It sorts onto the page shown: there it is, highlighted.
      const added = row(page, `mia03.new${suffix}`);
      expect(await added.getAttribute("class")).toContain("added");
      expect(await inView(added)).toBe(true);

      // One that sorts onto a later page is shown anyway, above this page's rows, marked as just added.
      await form.getByLabel("Username", { exact: true }).fill(`zz.later${suffix}`);
      await form.getByLabel("Email").fill(`zz.later${suffix}@example.com`);
      await form.getByRole("button", { name: "Add user" }).click();
      await expect.poll(() => outcome(page).textContent()).toBe(`Created zz.later${suffix}.`);
      const later = row(page, `zz.later${suffix}`);
      expect(await later.getAttribute("data-elsewhere")).toBe("true");
      expect((await shownUsernames(page))[0]).toBe(`zz.later${suffix}`);
      expect(await inView(later)).toBe(true);
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
      await screenshot(page, `created-user-shown-${suffix}`);
      expect(app.unexpectedErrors()).toEqual([]);
    },
  );

  it.each(SCREENS)(
    "on %s, after a delete, focuses the row that took its place and keeps the scroll",
    async (_, viewport) => {
      const app = await ui.open({ as: "admin", viewport });
      const { page } = app;
      const before = await shownUsernames(page);
      const [doomed, following] = [before[6], before[7]];
      await page.getByRole("button", { name: `Delete ${doomed}`, exact: true }).click();
      const scrolledTo = await page.evaluate(() => window.scrollY);
      await page
        .getByRole("dialog", { name: "Delete user?" })
        .getByRole("button", { name: "Delete" })
        .click();

      await expect.poll(() => outcome(page).textContent()).toBe(`Deleted ${doomed}.`);
      await expect.poll(() => focused(page)).toBe(`Delete ${following}`);
      expect(await readUser(ui.url, doomed)).toBeUndefined();
      expect(await inView(page.getByRole("button", { name: `Delete ${following}`, exact: true }))).toBe(true);
      expect(await inView(outcome(page))).toBe(true);
      // The page stays about where it was (a phone's rows are tall), not back at the top.
      expect(await page.evaluate(() => window.scrollY)).toBeGreaterThanOrEqual(scrolledTo / 2);
      expect(app.unexpectedErrors()).toEqual([]);
    },
  );

  it("says which page is shown and keeps it in the address: reload, Back, Forward and a shared link", async () => {
    const everyone = await allUsernames(ui.url);
    const app = await ui.open({ as: "admin", viewport: LAPTOP_VIEWPORT });
    const { page } = app;
    await page.getByLabel("Rows per page").selectOption("5");
    await positionIs(page, "Page 1: users 1–5, more on the next page.");
    await page.getByRole("button", { name: "Next" }).click();
    await positionIs(page, "Page 2: users 6–10, more on the next page.");
    await page.getByRole("button", { name: "Next" }).click();
    await positionIs(page, "Page 3: users 11–15, more on the next page.");
    expect(await shownUsernames(page)).toEqual(everyone.slice(10, 15));
    const address = new URL(page.url());
    expect(address.searchParams.get("page")).toBe("3");
    expect(address.searchParams.get("size")).toBe("5");

    await page.reload();
    await positionIs(page, "Page 3: users 11–15, more on the next page.");
    expect(await shownUsernames(page)).toEqual(everyone.slice(10, 15));
    expect(await page.getByLabel("Rows per page").inputValue()).toBe("5");
    await page.goBack();
    await positionIs(page, "Page 2: users 6–10, more on the next page.");
    await page.goBack();
    await positionIs(page, "Page 1: users 1–5, more on the next page.");
    await page.goForward();
    await positionIs(page, "Page 2: users 6–10, more on the next page.");

    // A link opened elsewhere knows only its page's cursor and number: Previous finds the page before it all the
    // same, and with it how many users come first.
    const shared = await ui.open({ as: "admin", path: `${address.pathname}${address.search}` });
    await positionIs(shared.page, "Page 3: 5 users, more on the next page.");
    await shared.page.getByRole("button", { name: "Previous" }).click();
    await positionIs(shared.page, "Page 2: users 6–10, more on the next page.");
    expect(await shownUsernames(shared.page)).toEqual(everyone.slice(5, 10));
    await shared.page.getByRole("button", { name: "First" }).click();
    await positionIs(shared.page, "Page 1: users 1–5, more on the next page.");
    expect(new URL(shared.page.url()).searchParams.has("page")).toBe(false);
    expect(app.unexpectedErrors()).toEqual([]);
    expect(shared.unexpectedErrors()).toEqual([]);
  });

  it("sends a link to a page whose cursor the API refuses to the first page, saying so", async () => {
    const app = await ui.open({ as: "admin", path: "/?page=4&cursor=not-a-cursor" });
    await positionIs(app.page, /^Page 1: users 1–10, more on the next page\.$/);
    await expect
      .poll(() => outcome(app.page).textContent())
      .toBe("That page can no longer be opened, so here is the first page.");
    expect(new URL(app.page.url()).searchParams.has("cursor")).toBe(false);
    expect(app.unexpectedErrors(400)).toEqual([]);
  });

  it.each(SCREENS)("on %s, keeps the pager within reach at the bottom of the table", async (_, viewport) => {
    const app = await ui.open({ as: "admin", viewport });
    const { page } = app;
    const last = (await shownUsernames(page)).at(-1) ?? "";
    await row(page, last).scrollIntoViewIfNeeded();
    const next = page.getByRole("button", { name: "Next" });
    expect(await inView(next)).toBe(true);
    expect(await inView(position(page))).toBe(true);
    await screenshot(page, `pager-in-reach-${viewport.width}`);
    await next.click();
    await positionIs(page, /^Page 2: users 11–20/);
    // The new page is shown from its first row, just below the bar, wherever the pager was used from.
    const [first] = await shownUsernames(page);
    await expect.poll(() => inView(row(page, first))).toBe(true);
    expect(await inView(next)).toBe(true);
    expect(app.unexpectedErrors()).toEqual([]);
  });

  it("reloads the page shown, not the first, after a change made in the chat", async () => {
    const app = await ui.open({ as: "admin" });
    const { page } = app;
    await page.getByLabel("Rows per page").selectOption("5");
    await positionIs(page, /^Page 1: users 1–5,/);
    await page.getByRole("button", { name: "Next" }).click();
    await positionIs(page, /^Page 2: users 6–10,/);
    const [target] = await shownUsernames(page);

    const reply = await chat(page, `set the display name of ${target} to "Renamed Chat"`);
    expect(reply.join("\n")).toContain(
      `Done: Updated ${target} (email ${target}@example.com, display name Renamed Chat).`,
    );
    await expect.poll(() => row(page, target).textContent()).toContain("Renamed Chat");
    expect(await position(page).textContent()).toMatch(/^Page 2: users 6–10,/);
    expect(app.unexpectedErrors()).toEqual([]);
  });
});
