// The picture of the UI in the README, taken from a real session: the signed-in admin, a few users and a short chat.
// Saved with the test results on every run; `UPDATE_DOCS_SCREENSHOT=1` also refreshes docs/users-ui.png.
import { describe, expect, it } from "vitest";
import { screenshot } from "../../../../support/browser";
import { chat } from "../../../../support/chat-panel";
import { credentialsOf, signedInAs } from "../../../../support/issuer-sign-in";
import { createUserDirectly } from "../../../../support/sandbox-users";
import { useUiUnderTest } from "../../../../support/ui-under-test";

const DOCS_SCREENSHOT = "docs/users-ui.png";

const ui = useUiUnderTest({ signIn: ["admin"] });

describe("the README screenshot", () => {
  it("shows the signed-in admin, the search field, the users table and a chat transcript on a desktop screen", async () => {
    for (const [username, displayName] of [
      ["ada", "Ada Lovelace"],
      ["alan", "Alan Turing"],
      ["barbara", "Barbara Liskov"],
      ["edsger", "Edsger Dijkstra"],
    ]) {
      await createUserDirectly(ui.url, { username, email: `${username}@example.com`, displayName });
    }
    const app = await ui.open({ as: "admin", viewport: { width: 1280, height: 760 } });
    await chat(app.page, 'add grace, grace@example.com, named "Grace Hopper"');
    await chat(app.page, "who is ada?");
    await app.page.locator('#users-table tbody tr[data-username="grace"]').waitFor();
    await app.page.getByLabel("Message").blur();

    const rows = await app.page.locator("#users-table tbody tr").count();
    expect(await app.page.locator("#account").textContent()).toMatch(
      signedInAs(credentialsOf("admin").email, "(admin)"),
    );
    expect(await app.page.getByLabel("Search by username or email").isVisible()).toBe(true);
    const transcript = await app.page.locator("#chat-transcript li").allTextContents();
    expect(rows).toBe(5);
    expect(transcript).toContain("Done: Created grace (email grace@example.com, display name Grace Hopper).");
    expect(transcript).toContain("Done: Found ada (email ada@example.com, display name Ada Lovelace).");
    const sideBySide = await app.page.evaluate(() => {
      const [users, chatPanel] = [...document.querySelectorAll(".panel")].map((p) =>
        p.getBoundingClientRect(),
      );
      return chatPanel.left >= users.right;
    });
    expect(sideBySide).toBe(true);
    await screenshot(app.page, "users-ui");
    if (process.env.UPDATE_DOCS_SCREENSHOT) await screenshot(app.page, "users-ui", DOCS_SCREENSHOT);
    expect(app.unexpectedErrors()).toEqual([]);
  });
});
