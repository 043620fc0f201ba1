// Reads and drives the Users UI's table the way an operator does: the search field, the line saying which page
// is shown, the rows, and where things sit on the screen.
import type { BrowserContext, Locator, Page } from "playwright-core";
import { expect } from "vitest";

export const searchField = (page: Page) => page.getByLabel("Find a user");
/** The line saying which page is shown, e.g. "Page 2: users 11–20, more on the next page." */
export const position = (page: Page) => page.locator("#users-count");
/** The outcome of the operator's last action, beside the table. */
export const outcome = (page: Page) => page.locator("#status");
export const row = (page: Page, username: string) =>
  page.locator(`#users-table tbody tr[data-username="${username}"]`);

export function shownUsernames(page: Page): Promise<string[]> {
  return page
    .locator("#users-table tbody tr")
    .evaluateAll((rows) => rows.map((tr) => (tr as HTMLElement).dataset.username ?? ""));
}

/** Waits until the table says `text` about what it shows. */
export async function positionIs(page: Page, text: string | RegExp): Promise<void> {
  const read = () => position(page).textContent();
  if (typeof text === "string") await expect.poll(read).toBe(text);
  else await expect.poll(read).toMatch(text);
}

const LONGER_THAN_A_TYPING_PAUSE_MS = 1_000;
const contextsWithClock = new WeakSet<BrowserContext>();

/**
 * Types `text` into the search field a key at a time, as a person does, or pastes it. The page's clock stands
 * still while the keys go in, so however busy the machine, they all fall within one typing pause, as a person's
 * keystrokes do; then the pause elapses. The caller waits for the answer it expects.
 */
export async function typeSearch(page: Page, text: string, how: "type" | "paste" = "type"): Promise<void> {
  if (!contextsWithClock.has(page.context())) {
    await page.clock.install();
    contextsWithClock.add(page.context());
  }
  const pageNow = await page.evaluate(() => Date.now());
  await page.clock.pauseAt(pageNow + 1_000);
  await searchField(page).fill(how === "paste" ? text : "");
  if (how === "type") await searchField(page).pressSequentially(text);
  await page.clock.runFor(LONGER_THAN_A_TYPING_PAUSE_MS);
  await page.clock.resume();
}

/**
 * Whether all of `locator`'s box lies on screen (give or take the pixel a scroll can round away), its middle not
 * covered by anything (such as a sticky bar).
 */
export async function inView(locator: Locator): Promise<boolean> {
  return locator.evaluate((element) => {
    const box = element.getBoundingClientRect();
    const onScreen =
      box.top >= -1 && box.left >= -1 && box.bottom <= innerHeight + 1 && box.right <= innerWidth + 1;
    const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    return onScreen && hit !== null && (hit === element || element.contains(hit));
  });
}

/** The id, or failing that the accessible label, of the element that has focus. */
export function focused(page: Page): Promise<string | null | undefined> {
  return page.evaluate(
    () => document.activeElement?.getAttribute("aria-label") ?? document.activeElement?.id,
  );
}
