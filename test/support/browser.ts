// Debian's Chromium driven by playwright-core (never `npx playwright install`), and a watch on what a page
// logs, so every test can insist on a clean console.
import { mkdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";

export const SCREENSHOTS_DIR = "test-results/screenshots";
/** A common phone's screen (390 × 844 CSS px). */
export const PHONE_VIEWPORT = { width: 390, height: 844 };
/** A small laptop's screen (1024 × 768 CSS px): the users table and the chat side by side, with little room. */
export const LAPTOP_VIEWPORT = { width: 1024, height: 768 };
export const DESKTOP_VIEWPORT = { width: 1280, height: 860 };

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

export interface AppPage {
  readonly context: BrowserContext;
  readonly page: Page;
  /**
   * Console errors and uncaught exceptions so far, leaving out Chromium's own "Failed to load resource" note
   * for the HTTP statuses (or network errors) a test provoked on purpose.
   */
  unexpectedErrors(...expected: (number | "network")[]): string[];
}

/** A page in `context` whose console errors are collected. */
export async function watchedPage(context: BrowserContext): Promise<AppPage> {
  // Well under the test timeout, so a missing element fails with Playwright's own message about it.
  context.setDefaultTimeout(20_000);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("console", (message) => {
    // The browser asks each origin for /favicon.ico by itself; the issuer's pages name no icon, the app's do.
    if (message.type() === "error" && !message.location().url.endsWith("/favicon.ico")) {
      errors.push(`${message.text()} ${message.location().url}`.trim());
    }
  });
  page.on("pageerror", (error) => errors.push(`uncaught: ${error.message}`));
  return {
    context,
    page,
    unexpectedErrors: (...expected) =>
      errors.filter((text) => {
        const status = /^Failed to load resource: the server responded with a status of (\d{3})/.exec(text);
        if (status) return !expected.includes(Number(status[1]));
        return !(expected.includes("network") && /Failed to load resource: net::ERR_/.test(text));
      }),
  };
}

/** Waits until the signed-in page has shown its first page of users. */
export async function usersLoaded(page: Page): Promise<void> {
  await page.locator("#users-count[data-loaded]").waitFor();
}

export async function screenshot(page: Page, name: string, path = join(SCREENSHOTS_DIR, `${name}.png`)) {
  await mkdir(dirname(path), { recursive: true });
  await page.screenshot({ path, fullPage: true });
}
