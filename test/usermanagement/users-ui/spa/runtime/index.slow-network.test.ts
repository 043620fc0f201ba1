// The Users UI on a slow network, in a real browser against `npm start`: Chromium's own network emulation (CDP
// Network.emulateNetworkConditions, 400 ms of latency) under the whole page, and the one request a test is about
// held until the test lets it go, so "while it is on its way" never depends on how fast the machine is.
import type { Page, Request } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { seriousAccessibilityViolations } from "../../../../support/axe";
import { LAPTOP_VIEWPORT, PHONE_VIEWPORT, screenshot } from "../../../../support/browser";
import { createUserDirectly, readUser } from "../../../../support/sandbox-users";
import { useUiUnderTest } from "../../../../support/ui-under-test";
import { outcome, positionIs, shownUsernames } from "../../../../support/users-page";

const ui = useUiUnderTest({ signIn: ["admin"] });

const SCREENS = [
  ["a small laptop", LAPTOP_VIEWPORT],
  ["a phone", PHONE_VIEWPORT],
] as const;

/** What the operator of the report saw: every request and answer 400 ms late. */
async function slowNetwork(page: Page): Promise<void> {
  const devtools = await page.context().newCDPSession(page);
  await devtools.send("Network.enable");
  await devtools.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: 400,
    downloadThroughput: -1,
    uploadThroughput: -1,
  });
}

interface HeldRequests {
  /** Every request held so far. */
  readonly requests: Request[];
  /** Resolves with the first request held. */
  readonly first: Promise<Request>;
  /** Lets the held requests, and any later ones, go on to the API. */
  release(): void;
}

/** Holds the Users API requests `matches` picks until `release`. */
async function hold(page: Page, matches: (request: Request) => boolean): Promise<HeldRequests> {
  let release = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  let arrived: (request: Request) => void = () => {};
  const first = new Promise<Request>((resolve) => {
    arrived = resolve;
  });
  const requests: Request[] = [];
  await page.route("**/api/users**", async (route) => {
    if (!matches(route.request())) return route.fallback();
    requests.push(route.request());
    arrived(route.request());
    await released;
    await route.continue();
  });
  return { requests, first, release };
}

/** Lets the page handle whatever the last input caused before the test looks. */
const settled = (page: Page) => page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));

const path = (request: Request) => new URL(request.url()).pathname;

beforeAll(async () => {
  for (let n = 1; n <= 14; n++) {
    const username = `slow${String(n).padStart(2, "0")}`;
    await createUserDirectly(ui.url, { username, email: `${username}@example.com` });
  }
});

describe("on a slow network", () => {
  it.each(SCREENS)(
    "on %s, a delete under way can be neither cancelled nor hidden, and is reported",
    async (_, viewport) => {
      const app = await ui.open({ as: "admin", viewport });
      const { page } = app;
      await slowNetwork(page);
      const [target] = await shownUsernames(page);
      const deletes = await hold(page, (request) => request.method() === "DELETE");
      await page.getByRole("button", { name: `Delete ${target}`, exact: true }).click();
      const dialog = page.getByRole("dialog", { name: "Delete user?" });
      await dialog.getByRole("button", { name: "Delete" }).click();
      await deletes.first;

      // Escape twice (a browser may close a dialog on a second Escape whatever the page says), then Cancel.
      await page.keyboard.press("Escape");
      await page.keyboard.press("Escape");
      await dialog.getByRole("button", { name: "Cancel" }).click({ force: true });
      await settled(page);
      expect(await dialog.isVisible()).toBe(true);
      expect(await dialog.getByRole("button", { name: "Deleting…" }).getAttribute("aria-disabled")).toBe(
        "true",
      );
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
      await screenshot(page, `delete-in-flight-${viewport.width}`);

      deletes.release();
      await expect.poll(() => outcome(page).textContent()).toBe(`Deleted ${target}.`);
      expect(await dialog.isHidden()).toBe(true);
      expect(await readUser(ui.url, target)).toBeUndefined();
      expect(deletes.requests).toHaveLength(1);
      expect(app.unexpectedErrors()).toEqual([]);
    },
  );

  it.each(SCREENS)(
    "on %s, Edit opens at once saying it is loading, and a double click reads the user once",
    async (_, viewport) => {
      const app = await ui.open({ as: "admin", viewport });
      const { page } = app;
      await slowNetwork(page);
      const [target] = await shownUsernames(page);
      const reads = await hold(
        page,
        (request) => request.method() === "GET" && path(request) === `/api/users/${target}`,
      );
      await page.getByRole("button", { name: `Edit ${target}`, exact: true }).dblclick();
      await reads.first;

      const dialog = page.getByRole("dialog", { name: `Edit ${target}` });
      expect(await dialog.isVisible()).toBe(true);
      expect(await dialog.locator("#edit-history").textContent()).toBe(`Loading ${target}…`);
      expect(await dialog.getByLabel("Email").isDisabled()).toBe(true);
      expect(await dialog.getByRole("button", { name: "Save" }).isDisabled()).toBe(true);
      await screenshot(page, `edit-loading-${viewport.width}`);

      reads.release();
      await expect.poll(() => dialog.getByLabel("Email").inputValue()).toBe(`${target}@example.com`);
      expect(await dialog.getByLabel("Email").isEnabled()).toBe(true);
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("edit-email");
      expect(reads.requests).toHaveLength(1);
      expect(app.unexpectedErrors()).toEqual([]);
    },
  );

  it.each(SCREENS)(
    "on %s, a second click on Next while its page loads asks for nothing more",
    async (_, viewport) => {
      const app = await ui.open({ as: "admin", viewport });
      const { page } = app;
      await slowNetwork(page);
      await page.getByLabel("Rows per page").selectOption("5");
      await positionIs(page, "Page 1: users 1–5, more on the next page.");
      const pageTurns = await hold(
        page,
        (request) => path(request) === "/api/users" && new URL(request.url()).searchParams.has("cursor"),
      );
      const next = page.getByRole("button", { name: "Next" });
      await next.click();
      await pageTurns.first;
      await next.click();
      await settled(page);

      pageTurns.release();
      await positionIs(page, "Page 2: users 6–10, more on the next page.");
      expect(pageTurns.requests).toHaveLength(1);
      expect(new URL(page.url()).searchParams.get("page")).toBe("2");
      expect(app.unexpectedErrors()).toEqual([]);
    },
  );
});
