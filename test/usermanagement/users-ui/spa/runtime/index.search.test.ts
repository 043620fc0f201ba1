// Finding users from the search field above the table, in a real browser against `npm start`.
import type { BrowserContext, Page, Request } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { seriousAccessibilityViolations } from "../../../../support/axe";
import { PHONE_VIEWPORT, screenshot, usersLoaded } from "../../../../support/browser";
import { createUserDirectly } from "../../../../support/sandbox-users";
import { useUiUnderTest } from "../../../../support/ui-under-test";

const ui = useUiUnderTest({ signIn: ["admin", "viewer"] });

const searchField = (page: Page) => page.getByLabel("Search by username or email");
const count = (page: Page) => page.locator("#users-count");
const shownNames = (page: Page) =>
  page
    .locator("#users-table tbody tr")
    .evaluateAll((rows) => rows.map((row) => (row as HTMLElement).dataset.username ?? ""));

/**
 * Types `text` a key at a time as a person does, then waits for the table to show its count for it. The page's
 * clock stands still while the keys go in, so however busy the machine, they all fall within one typing pause,
 * as a person's keystrokes do; then the pause elapses.
 */
async function search(page: Page, text: string, expectedCount: string): Promise<void> {
  await stopPageClock(page);
  await searchField(page).fill("");
  await searchField(page).pressSequentially(text);
  await page.clock.runFor(LONGER_THAN_A_TYPING_PAUSE_MS);
  await page.clock.resume();
  await expect.poll(() => count(page).textContent()).toBe(expectedCount);
}

const LONGER_THAN_A_TYPING_PAUSE_MS = 1_000;
const contextsWithClock = new WeakSet<BrowserContext>();

/** Takes over the page's timers (once per context) and stops its clock a moment ahead of where it is. */
async function stopPageClock(page: Page): Promise<void> {
  if (!contextsWithClock.has(page.context())) {
    await page.clock.install();
    contextsWithClock.add(page.context());
  }
  const pageNow = await page.evaluate(() => Date.now());
  await page.clock.pauseAt(pageNow + 1_000);
}

beforeAll(async () => {
  for (const username of ["alan", "albert", "alice", "bob", "carol"]) {
    await createUserDirectly(ui.url, { username, email: `${username}@example.com` });
  }
  for (let n = 1; n <= 7; n++) {
    await createUserDirectly(ui.url, { username: `pg.user${n}`, email: `pg.user${n}@example.com` });
  }
});

describe("finding users", () => {
  it("shows the users whose username starts with what is typed, after a pause, in username order", async () => {
    const app = await ui.open({ as: "admin" });
    const searches: Request[] = [];
    app.page.on("request", (request) => {
      if (new URL(request.url()).searchParams.has("prefix")) searches.push(request);
    });

    await search(app.page, "al", "Showing users 1–3 matching “al”.");

    expect(await shownNames(app.page)).toEqual(["alan", "albert", "alice"]);
    // One request for the typed word, not one per key.
    expect(searches.map((r) => new URL(r.url()).searchParams.get("prefix"))).toEqual(["al"]);
    expect(new URL(app.page.url()).searchParams.get("q")).toBe("al");
    expect(await seriousAccessibilityViolations(app.page)).toEqual([]);
    await screenshot(app.page, "search-prefix");
    expect(app.unexpectedErrors()).toEqual([]);
  });

  it("looks a user up by email address, whatever its case", async () => {
    const app = await ui.open({ as: "admin" });
    const lookups: string[] = [];
    app.page.on("request", (request) => {
      const email = new URL(request.url()).searchParams.get("email");
      if (email) lookups.push(email);
    });

    await search(app.page, "Alice@Example.COM", "Showing users 1–1 matching “Alice@Example.COM”.");

    expect(await shownNames(app.page)).toEqual(["alice"]);
    expect(lookups).toEqual(["Alice@Example.COM"]);
    expect(app.unexpectedErrors()).toEqual([]);
  });

  it("says plainly when no user matches, and Escape brings everyone back", async () => {
    const app = await ui.open({ as: "admin" });
    await search(app.page, "zz", "No users match “zz”.");
    expect(await shownNames(app.page)).toEqual([]);
    expect(await seriousAccessibilityViolations(app.page)).toEqual([]);
    await screenshot(app.page, "search-no-match");

    await searchField(app.page).press("Escape");
    await expect
      .poll(() => count(app.page).textContent())
      .toMatch(/^Showing users 1–10, more on the next page\.$/);
    expect(new URL(app.page.url()).searchParams.has("q")).toBe(false);
    expect(app.unexpectedErrors()).toEqual([]);
  });

  it("pages within the results with Next and Previous", async () => {
    const app = await ui.open({ as: "admin" });
    await app.page.getByLabel("Rows per page").selectOption("5");
    await search(app.page, "pg", "Showing users 1–5 matching “pg”, more on the next page.");

    await app.page.getByRole("button", { name: "Next" }).click();
    await expect.poll(() => count(app.page).textContent()).toBe("Showing users 6–7 matching “pg”.");
    expect(await shownNames(app.page)).toEqual(["pg.user6", "pg.user7"]);
    expect(await app.page.getByRole("button", { name: "Next" }).isDisabled()).toBe(true);

    await app.page.getByRole("button", { name: "Previous" }).click();
    await expect
      .poll(() => count(app.page).textContent())
      .toBe("Showing users 1–5 matching “pg”, more on the next page.");
    expect(app.unexpectedErrors()).toEqual([]);
  });

  it("keeps the search in the address: Back, Forward, reload and a shared link show the same results", async () => {
    const app = await ui.open({ as: "admin" });
    const { page } = app;
    await search(page, "al", "Showing users 1–3 matching “al”.");
    // Refining a search replaces its history entry; a different search gets its own.
    await search(page, "ali", "Showing users 1–1 matching “ali”.");
    await search(page, "bo", "Showing users 1–1 matching “bo”.");

    await page.goBack();
    await expect.poll(() => count(page).textContent()).toBe("Showing users 1–1 matching “ali”.");
    expect(await searchField(page).inputValue()).toBe("ali");
    await page.goBack();
    await expect.poll(() => count(page).textContent()).toMatch(/^Showing users 1–10, more/);
    expect(await searchField(page).inputValue()).toBe("");
    await page.goForward();
    await expect.poll(() => count(page).textContent()).toBe("Showing users 1–1 matching “ali”.");

    await page.reload();
    await usersLoaded(page);
    await expect.poll(() => count(page).textContent()).toBe("Showing users 1–1 matching “ali”.");
    expect(await searchField(page).inputValue()).toBe("ali");

    const shared = await ui.open({ as: "viewer", path: "/?q=ca" });
    await expect.poll(() => count(shared.page).textContent()).toBe("Showing users 1–1 matching “ca”.");
    expect(await shownNames(shared.page)).toEqual(["carol"]);
    expect(app.unexpectedErrors()).toEqual([]);
  });

  it("drops an answer that arrives after a newer search's", async () => {
    const app = await ui.open({ as: "admin" });
    const { page } = app;
    // The answer for "al" is held back until the one for "bo" has been shown.
    let releaseSlow: () => void = () => {};
    const slowHeld = new Promise<void>((resolve) => {
      releaseSlow = resolve;
    });
    await page.route(
      (url) => url.searchParams.get("prefix") === "al",
      async (route) => {
        const response = await route.fetch();
        await slowHeld;
        await route.fulfill({ response });
      },
    );

    // Each wait is set before the action it waits for: on a busy machine the request can go out before `fill`
    // returns, and an event that has passed is never seen.
    const slowRequested = page.waitForRequest((request) => request.url().includes("prefix=al"));
    await searchField(page).fill("al");
    await slowRequested;
    await search(page, "bo", "Showing users 1–1 matching “bo”.");
    const slowAnswered = page.waitForResponse((response) => response.url().includes("prefix=al"));
    releaseSlow();
    await slowAnswered;
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));

    expect(await count(page).textContent()).toBe("Showing users 1–1 matching “bo”.");
    expect(await shownNames(page)).toEqual(["bob"]);
    expect(app.unexpectedErrors()).toEqual([]);
  });

  it("fits a phone screen and is labelled for screen readers", async () => {
    const app = await ui.open({ as: "admin", viewport: PHONE_VIEWPORT });
    const { page } = app;
    const box = await searchField(page).boundingBox();
    expect((box?.x ?? -1) + (box?.width ?? 0)).toBeLessThanOrEqual(PHONE_VIEWPORT.width);
    expect(await page.getByRole("search").count()).toBe(1);
    expect(await count(page).getAttribute("aria-live")).toBe("polite");
    await search(page, "car", "Showing users 1–1 matching “car”.");
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      PHONE_VIEWPORT.width,
    );
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    expect(app.unexpectedErrors()).toEqual([]);
  });
});
