// The Users UI's layout and accessibility measured in a real browser against `npm start`, at a small laptop's
// width (1024 px) and a phone's (390 px): room for emails, nothing spilling out, focus rings of 3:1 or more
// against what they sit on, 44 px touch targets, the chat within reach on a phone, and record dates in words.
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { seriousAccessibilityViolations } from "../../../../support/axe";
import { LAPTOP_VIEWPORT, PHONE_VIEWPORT, screenshot } from "../../../../support/browser";
import { createUserDirectly, patchUserDirectly, readUser } from "../../../../support/sandbox-users";
import { useUiUnderTest } from "../../../../support/ui-under-test";
import { inView, row } from "../../../../support/users-page";

const ui = useUiUnderTest({ signIn: ["admin"] });

/** Short addresses, as most are: each must show on one line at 1024 px. */
const SHORT_ADDRESSES = ["abby@example.com", "maria.g@example.cn", "zoe.muller@example.de"];

beforeAll(async () => {
  for (const email of SHORT_ADDRESSES) {
    await createUserDirectly(ui.url, { username: email.split("@")[0], email, displayName: "Short Address" });
  }
  await createUserDirectly(ui.url, {
    username: "long.address",
    email: "firstname.middlename.lastname.department@subsidiary.example-corporation.com",
    displayName: "Maximiliana Alexandra Featherstonehaugh-Wolfeschlegelsteinhausen",
  });
});

/** Elements of the workspace whose box pokes out of the panel holding them, and the page's own sideways scroll. */
function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    if (document.documentElement.scrollWidth > innerWidth)
      found.push(`page ${document.documentElement.scrollWidth}`);
    for (const panel of document.querySelectorAll<HTMLElement>(".panel, .page-header")) {
      const bounds = panel.getBoundingClientRect();
      for (const element of panel.querySelectorAll<HTMLElement>("*")) {
        const box = element.getBoundingClientRect();
        if (box.width === 0 || element.closest(".visually-hidden")) continue;
        if (box.left < bounds.left - 0.5 || box.right > bounds.right + 0.5) {
          found.push(
            `${element.tagName.toLowerCase()}#${element.id}.${element.className} ${box.left}–${box.right}`,
          );
        }
      }
    }
    for (const scroller of document.querySelectorAll<HTMLElement>(".table-scroll, .chat-input")) {
      if (scroller.scrollWidth > scroller.clientWidth) found.push(`${scroller.className} scrolls sideways`);
    }
    return found;
  });
}

interface FocusRing {
  readonly name: string;
  /** WCAG's contrast ratio between the ring and the background it is drawn on. */
  readonly ratio: number;
  readonly width: number;
}

/** The focus ring of the element that has focus: its width and its contrast against what is behind it. */
function focusRing(page: Page): Promise<FocusRing | undefined> {
  return page.evaluate(() => {
    const element = document.activeElement;
    if (!element || element === document.body) return undefined;
    const channels = (color: string) => (color.match(/[\d.]+/g) ?? []).map(Number);
    const luminance = ([r, g, b]: number[]) => {
      const linear = (c: number) =>
        c / 255 <= 0.04045 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4;
      return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
    };
    // The outline is drawn outside the element (outline-offset), so over its nearest opaque ancestor.
    let behind = [255, 255, 255];
    for (let node = element.parentElement; node; node = node.parentElement) {
      const [r, g, b, alpha = 1] = channels(getComputedStyle(node).backgroundColor);
      if (alpha > 0) {
        behind = [r, g, b];
        break;
      }
    }
    const style = getComputedStyle(element);
    const [ring, back] = [luminance(channels(style.outlineColor)), luminance(behind)];
    return {
      name: `${element.tagName.toLowerCase()} ${element.getAttribute("aria-label") ?? element.textContent?.trim().slice(0, 24) ?? ""}`,
      ratio: (Math.max(ring, back) + 0.05) / (Math.min(ring, back) + 0.05),
      width: style.outlineStyle === "none" ? 0 : Number.parseFloat(style.outlineWidth),
    };
  });
}

/** Presses Tab `stops` times from the top of the page, reading each focus ring on the way. */
async function tabThrough(page: Page, stops: number): Promise<FocusRing[]> {
  const rings: FocusRing[] = [];
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  for (let stop = 0; stop < stops; stop++) {
    await page.keyboard.press("Tab");
    const ring = await focusRing(page);
    if (ring) rings.push(ring);
  }
  return rings;
}

describe("layout and access", () => {
  it("gives emails room at 1024 px: short addresses on one line, and nothing spills out", async () => {
    const app = await ui.open({ as: "admin", viewport: LAPTOP_VIEWPORT });
    const { page } = app;
    await row(page, "long.address").waitFor();
    const emailColumn = await page
      .locator("#users-table thead th")
      .nth(1)
      .evaluate((th) => th.getBoundingClientRect().width);
    const lines = await page.evaluate((addresses) => {
      const cells = [...document.querySelectorAll<HTMLElement>('td[data-label="Email"]')];
      return addresses.map((address) => {
        const cell = cells.find((td) => td.textContent === address);
        const range = document.createRange();
        if (cell) range.selectNodeContents(cell);
        return new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size;
      });
    }, SHORT_ADDRESSES);
    console.info(`email column at 1024 px: ${emailColumn.toFixed(0)} px`);

    expect(emailColumn).toBeGreaterThanOrEqual(176);
    expect(lines).toEqual(SHORT_ADDRESSES.map(() => 1));
    expect(await overflowing(page)).toEqual([]);
    const [send, form] = await Promise.all(
      ["#chat-send", "#chat-form"].map((selector) => page.locator(selector).boundingBox()),
    );
    expect((send?.x ?? 0) + (send?.width ?? 0)).toBeLessThanOrEqual((form?.x ?? 0) + (form?.width ?? 0));
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, "laptop-width");
    expect(app.unexpectedErrors()).toEqual([]);
  });

  it.each([
    ["a small laptop", LAPTOP_VIEWPORT],
    ["a phone", PHONE_VIEWPORT],
  ] as const)(
    "on %s, draws every focus ring at least 2 px wide and 3:1 against its background",
    async (_, viewport) => {
      const app = await ui.open({ as: "admin", viewport });
      const rings = await tabThrough(app.page, 30);
      const weakest = rings.reduce((min, ring) => (ring.ratio < min.ratio ? ring : min));
      console.info(
        `weakest focus ring at ${viewport.width} px: ${weakest.ratio.toFixed(2)}:1 (${weakest.name})`,
      );

      expect(rings.length).toBeGreaterThanOrEqual(20);
      expect(rings.filter((ring) => ring.width < 2 || ring.ratio < 3)).toEqual([]);
      expect(app.unexpectedErrors()).toEqual([]);
    },
  );

  it("on a phone, keeps every control 44 px or more each way, and nothing spills out", async () => {
    const app = await ui.open({ as: "admin", viewport: PHONE_VIEWPORT });
    const { page } = app;
    const targets = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>("button, input, select, a[href]")]
        .filter((element) => element.getClientRects().length > 0 && !element.closest("dialog:not([open])"))
        .map((element) => {
          const { width, height } = element.getBoundingClientRect();
          return {
            name: element.getAttribute("aria-label") ?? element.textContent?.trim() ?? element.id,
            width,
            height,
          };
        }),
    );
    const smallest = Math.min(...targets.flatMap(({ width, height }) => [width, height]));
    console.info(`smallest touch target at 390 px: ${smallest.toFixed(1)} px, of ${targets.length} controls`);

    expect(targets.length).toBeGreaterThanOrEqual(20);
    expect(targets.filter(({ width, height }) => width < 44 || height < 44)).toEqual([]);
    expect(await overflowing(page)).toEqual([]);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    expect(app.unexpectedErrors()).toEqual([]);
  });

  it("on a phone, reaches the chat from the top of the page without scrolling past the table", async () => {
    const app = await ui.open({ as: "admin", viewport: PHONE_VIEWPORT });
    const { page } = app;
    const link = page.getByRole("link", { name: "Skip to chat" });
    expect(await inView(link)).toBe(true);
    const tableBottom = await page
      .locator("#users-table")
      .evaluate((table) => table.getBoundingClientRect().bottom);
    expect(tableBottom).toBeGreaterThan(PHONE_VIEWPORT.height);

    await link.click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("chat-message");
    expect(await inView(page.getByLabel("Message"))).toBe(true);
    expect(await inView(page.getByRole("button", { name: "Send" }))).toBe(true);
    await screenshot(page, "phone-chat-reached");
    expect(app.unexpectedErrors()).toEqual([]);
  });

  it("says when a user was added and last changed, in words, while saving with the same ETag", async () => {
    await createUserDirectly(ui.url, { username: "dated.user", email: "dated.user@example.com" });
    await patchUserDirectly(ui.url, "dated.user", { displayName: "Dated Once" });
    await patchUserDirectly(ui.url, "dated.user", { displayName: "Dated Twice" });
    const stored = await readUser(ui.url, "dated.user");
    const app = await ui.open({ as: "admin", viewport: LAPTOP_VIEWPORT });
    const { page } = app;

    const headers = await page.locator("#users-table thead th").allTextContents();
    expect(headers).toEqual(["Username", "Email", "Display name", "Last changed", "Actions"]);
    const changed = row(page, "dated.user").locator('[data-label="Last changed"] time');
    expect(await changed.getAttribute("datetime")).toBe(stored?.updatedAt);
    expect(await changed.textContent()).not.toBe("");

    await page.getByRole("button", { name: "Edit dated.user" }).click();
    const dialog = page.getByRole("dialog", { name: "Edit dated.user" });
    const history = dialog.locator("#edit-history");
    await expect.poll(() => history.textContent()).toMatch(/^Added .+; changed twice since, last on .+\.$/);
    expect(await dialog.getAttribute("aria-describedby")).toBe("edit-history");
    await dialog.getByLabel("Display name").fill("Dated Thrice");
    const patch = page.waitForRequest((request) => request.method() === "PATCH");
    await dialog.getByRole("button", { name: "Save" }).click();
    expect((await patch).headers()["if-match"]).toBe('"3"');
    expect(app.unexpectedErrors()).toEqual([]);
  });
});
