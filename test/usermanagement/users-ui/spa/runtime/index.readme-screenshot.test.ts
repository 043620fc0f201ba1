// The picture of the UI in the README, taken from a real session: the signed-in admin, a search by name, the users
// it finds and a short chat.
// Saved with the test results on every run; `UPDATE_DOCS_SCREENSHOT=1` also refreshes docs/users-ui.png.
import { describe, expect, it } from "vitest";
import { screenshot } from "../../../../support/browser";
import { chat } from "../../../../support/chat-panel";
import { credentialsOf, signedInAs } from "../../../../support/issuer-sign-in";
import { createUserDirectly } from "../../../../support/sandbox-users";
import { useUiUnderTest } from "../../../../support/ui-under-test";
import { positionIs, searchField, shownUsernames, typeSearch } from "../../../../support/users-page";

const DOCS_SCREENSHOT = "docs/users-ui.png";

const ui = useUiUnderTest({ signIn: ["admin"] });

describe("the README screenshot", () => {
  it("shows the signed-in admin, a search by name with what it found, and a chat transcript on a desktop screen", async () => {
    for (const [username, displayName] of [
      ["ada", "Ada Lovelace"],
      ["alan", "Alan Turing"],
      ["barbara", "Barbara Liskov"],
      ["edsger", "Edsger Dijkstra"],
      ["john.v", "John von Neumann"],
      ["katherine", "Katherine Johnson"],
      ["margaret", "Margaret Hamilton"],
    ]) {
      await createUserDirectly(ui.url, { username, email: `${username}@example.com`, displayName });
    }
    const app = await ui.open({ as: "admin", viewport: { width: 1280, height: 760 } });
    await chat(app.page, 'add grace, grace@example.com, named "Grace Hopper"');
    await chat(app.page, "who is ada?");
    await app.page.locator('#users-table tbody tr[data-username="grace"]').waitFor();
    // "jo" is the start of John's first name and of Katherine's last.
    await typeSearch(app.page, "jo");
    await positionIs(app.page, "Page 1: users 1–2 matching “jo”.");
    await searchField(app.page).blur();

    expect(await app.page.locator("#account").textContent()).toMatch(
      signedInAs(credentialsOf("admin").email, "(admin)"),
    );
    expect((await shownUsernames(app.page)).sort()).toEqual(["john.v", "katherine"]);
    const transcript = await app.page.locator("#chat-transcript li").allTextContents();
    expect(transcript).toContain("Done: Created grace (email grace@example.com, display name Grace Hopper).");
    expect(transcript).toContain("Done: Found ada (email ada@example.com, display name Ada Lovelace).");
    const sideBySide = await app.page.evaluate(() => {
      const [users, chatPanel] = [...document.querySelectorAll("#workspace > .panel")].map((p) =>
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
