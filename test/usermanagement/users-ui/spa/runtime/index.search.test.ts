// Finding users from the one search field above the table, in a real browser against `npm start`.
import type { Page, Request } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { seriousAccessibilityViolations } from "../../../../support/axe";
import { LAPTOP_VIEWPORT, PHONE_VIEWPORT, screenshot, usersLoaded } from "../../../../support/browser";
import { createUserDirectly } from "../../../../support/sandbox-users";
import { useUiUnderTest } from "../../../../support/ui-under-test";
import {
  position,
  positionIs,
  searchField,
  shownUsernames,
  typeSearch,
} from "../../../../support/users-page";

const ui = useUiUnderTest({ signIn: ["admin", "viewer"] });

/** Types `text`, then waits for the table to say `expected` about what it shows. */
async function search(page: Page, text: string, expected: string): Promise<void> {
  await typeSearch(page, text);
  await positionIs(page, expected);
}

/** The `search` of every list request the page sends from now on. */
function searchesSent(page: Page): string[] {
  const sent: string[] = [];
  page.on("request", (request: Request) => {
    const term = new URL(request.url()).searchParams.get("search");
    if (term !== null) sent.push(term);
  });
  return sent;
}

beforeAll(async () => {
  for (const username of ["alan", "albert", "alice", "bob", "carol"]) {
    await createUserDirectly(ui.url, { username, email: `${username}@example.com` });
  }
  for (let n = 1; n <= 7; n++) {
    await createUserDirectly(ui.url, { username: `pg.user${n}`, email: `pg.user${n}@example.com` });
  }
  for (const [username, email, displayName] of [
    ["ajohnson", "ann.johnson@example.org", "Ann Johnson"],
    ["zmuller", "zm@example.de", "Zoë Müller"],
    ["xlli", "xiaolong@example.cn", "李小龙"],
    ["mgarcia", "maria.garcia@example.es", "María García"],
  ]) {
    await createUserDirectly(ui.url, { username, email, displayName });
  }
});

describe("finding users", () => {
  it.each([
    ["a display name's later word", "john", ["ajohnson"]],
    ["a name without its accents", "zoe", ["zmuller"]],
    ["a CJK name's first characters", "李小", ["xlli"]],
    ["an address's start", "maria.g", ["mgarcia"]],
    ["an address's domain", "example.cn", ["xlli"]],
    ["a username's start, whatever its case", "AL", ["alan", "albert", "alice"]],
  ])("finds a user by %s, with one request for the typed word", async (_, term, expected) => {
    const app = await ui.open({ as: "admin", viewport: LAPTOP_VIEWPORT });
    const sent = searchesSent(app.page);

    await search(app.page, term, `Page 1: users 1–${expected.length} matching “${term}”.`);

    expect((await shownUsernames(app.page)).sort()).toEqual(expected);
    expect(sent).toEqual([term]);
    expect(new URL(app.page.url()).searchParams.get("q")).toBe(term);
    expect(app.unexpectedErrors()).toEqual([]);
  });

  it("puts the reason a search can't be run next to the field, empties the table, and clears it on the next", async () => {
    const app = await ui.open({ as: "admin", viewport: LAPTOP_VIEWPORT });
    const { page } = app;
    await search(page, "bob", "Page 1: users 1–1 matching “bob”.");
    const refusal = page.waitForResponse((response) => response.status() === 400);
    await typeSearch(page, "b".repeat(300), "paste");
    const problem = (await (await refusal).json()) as { errors: { field: string; message: string }[] };

    const error = page.locator("#search-users-error");
    await expect.poll(() => error.textContent()).toBe(`The search ${problem.errors[0].message}.`);
    expect(problem.errors[0].field).toBe("search");
    expect(await searchField(page).getAttribute("aria-invalid")).toBe("true");
    expect(await searchField(page).getAttribute("aria-describedby")).toContain("search-users-error");
    // Never the last search's rows under this one.
    expect(await shownUsernames(page)).toEqual([]);
    expect(await position(page).textContent()).toBe("No users shown: the search can't be run as typed.");
    expect(await page.locator("#status").textContent()).toBe("");
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, "search-refused");

    await search(page, "carol", "Page 1: users 1–1 matching “carol”.");
    expect(await error.isHidden()).toBe(true);
    expect(await searchField(page).getAttribute("aria-invalid")).toBeNull();
    expect(await shownUsernames(page)).toEqual(["carol"]);
    expect(app.unexpectedErrors(400)).toEqual([]);
  });

  it("says plainly when no user matches, and Escape brings everyone back", async () => {
    const app = await ui.open({ as: "admin" });
    await search(app.page, "zz", "No users match “zz”.");
    expect(await shownUsernames(app.page)).toEqual([]);
    expect(await seriousAccessibilityViolations(app.page)).toEqual([]);
    await screenshot(app.page, "search-no-match");

    await searchField(app.page).press("Escape");
    await positionIs(app.page, "Page 1: users 1–10, more on the next page.");
    expect(new URL(app.page.url()).searchParams.has("q")).toBe(false);
    expect(app.unexpectedErrors()).toEqual([]);
  });

  it("pages within the results with Next and Previous", async () => {
    const app = await ui.open({ as: "admin" });
    await app.page.getByLabel("Rows per page").selectOption("5");
    await search(app.page, "pg", "Page 1: users 1–5 matching “pg”, more on the next page.");

    await app.page.getByRole("button", { name: "Next" }).click();
    await positionIs(app.page, "Page 2: users 6–7 matching “pg”.");
    expect(await shownUsernames(app.page)).toEqual(["pg.user6", "pg.user7"]);
    expect(await app.page.getByRole("button", { name: "Next" }).isDisabled()).toBe(true);

    await app.page.getByRole("button", { name: "Previous" }).click();
    await positionIs(app.page, "Page 1: users 1–5 matching “pg”, more on the next page.");
    expect(app.unexpectedErrors()).toEqual([]);
  });

  it("keeps the search in the address: Back, Forward, reload and a shared link show the same results", async () => {
    const app = await ui.open({ as: "admin" });
    const { page } = app;
    await search(page, "al", "Page 1: users 1–3 matching “al”.");
    // Refining a search replaces its history entry; a different search gets its own.
    await search(page, "ali", "Page 1: users 1–1 matching “ali”.");
    await search(page, "bo", "Page 1: users 1–1 matching “bo”.");

    await page.goBack();
    await positionIs(page, "Page 1: users 1–1 matching “ali”.");
    expect(await searchField(page).inputValue()).toBe("ali");
    await page.goBack();
    await positionIs(page, /^Page 1: users 1–10, more/);
    expect(await searchField(page).inputValue()).toBe("");
    await page.goForward();
    await positionIs(page, "Page 1: users 1–1 matching “ali”.");

    await page.reload();
    await usersLoaded(page);
    await positionIs(page, "Page 1: users 1–1 matching “ali”.");
    expect(await searchField(page).inputValue()).toBe("ali");

    const shared = await ui.open({ as: "viewer", path: "/?q=ca" });
    await positionIs(shared.page, "Page 1: users 1–1 matching “ca”.");
    expect(await shownUsernames(shared.page)).toEqual(["carol"]);
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
      (url) => url.searchParams.get("search") === "al",
      async (route) => {
        const response = await route.fetch();
        await slowHeld;
        await route.fulfill({ response });
      },
    );

    // Each wait is set before the action it waits for: on a busy machine the request can go out before `fill`
    // returns, and an event that has passed is never seen.
    const slowRequested = page.waitForRequest((request) => request.url().includes("search=al"));
    await searchField(page).fill("al");
    await slowRequested;
    await search(page, "bo", "Page 1: users 1–1 matching “bo”.");
    const slowAnswered = page.waitForResponse((response) => response.url().includes("search=al"));
    releaseSlow();
    await slowAnswered;
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));

    expect(await position(page).textContent()).toBe("Page 1: users 1–1 matching “bo”.");
    expect(await shownUsernames(page)).toEqual(["bob"]);
    expect(app.unexpectedErrors()).toEqual([]);
  });

  it("fits a phone screen and is labelled for screen readers", async () => {
    const app = await ui.open({ as: "admin", viewport: PHONE_VIEWPORT });
    const { page } = app;
    const box = await searchField(page).boundingBox();
    expect((box?.x ?? -1) + (box?.width ?? 0)).toBeLessThanOrEqual(PHONE_VIEWPORT.width);
    expect(await page.getByRole("search").count()).toBe(1);
    expect(await position(page).getAttribute("aria-live")).toBe("polite");
    await search(page, "car", "Page 1: users 1–1 matching “car”.");
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      PHONE_VIEWPORT.width,
    );
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    expect(app.unexpectedErrors()).toEqual([]);
  });
});
