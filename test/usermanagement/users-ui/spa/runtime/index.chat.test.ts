// Managing users through the chat panel in a real browser, against `npm start` (Chatbot API and Users API).
import type { Request } from "playwright-core";
import { describe, expect, it } from "vitest";
import { seriousAccessibilityViolations } from "../../../../support/axe";
import { type AppPage, screenshot } from "../../../../support/browser";
import { chat } from "../../../../support/chat-panel";
import { allUsernames, createUserDirectly, readUser } from "../../../../support/sandbox-users";
import { useUiUnderTest } from "../../../../support/ui-under-test";

const ui = useUiUnderTest({ signIn: ["admin"] });
let app: AppPage;

const row = (username: string) => app.page.locator(`#users-table tbody tr[data-username="${username}"]`);

describe("the chat panel", () => {
  it("creates a user from one sentence, shows the bot's reply and the outcome, and refreshes the table", async () => {
    app = await ui.open({ as: "admin" });
    const lines = await chat(app.page, "add a user called carol with email carol@example.com");

    expect(lines).toEqual([
      expect.stringMatching(/^Assistant: .*carol/),
      "Done: Created carol (email carol@example.com).",
    ]);
    await expect.poll(() => row("carol").count()).toBe(1);
    expect(await readUser(ui.url, "carol")).toMatchObject({ email: "carol@example.com" });
    expect(await seriousAccessibilityViolations(app.page)).toEqual([]);
    await screenshot(app.page, "chat-create");
    expect(app.unexpectedErrors()).toEqual([]);
  });

  it("asks for what is missing and continues the dialog with the sessionState it was given", async () => {
    app = await ui.open({ as: "admin" });
    const requests: Request[] = [];
    app.page.on("request", (request) => {
      if (request.url().endsWith("/api/chat")) requests.push(request);
    });

    const askUsername = await chat(app.page, "create a user");
    const askEmail = await chat(app.page, "dave");
    const created = await chat(app.page, "dave@example.com");

    expect(askUsername).toEqual([expect.stringMatching(/^Assistant: .*username/i)]);
    expect(askEmail).toEqual([expect.stringMatching(/^Assistant: .*email/i)]);
    expect(created).toContain("Done: Created dave (email dave@example.com).");
    const bodies = requests.map((request) => request.postDataJSON());
    expect(bodies[0]).not.toHaveProperty("sessionState");
    expect(bodies[1].sessionState).toMatchObject({
      dialogAction: { type: "ElicitSlot", slotToElicit: "username" },
      intent: { name: "CreateUser" },
    });
    expect(bodies[2].sessionState.intent.slots.username.value.interpretedValue).toBe("dave");
    expect(new Set(bodies.map((body) => body.sessionId)).size).toBe(1);
    expect(app.unexpectedErrors()).toEqual([]);
  });

  it("shows a user's details when asked", async () => {
    await createUserDirectly(ui.url, {
      username: "erin",
      email: "erin@example.com",
      displayName: "Erin Example",
    });
    app = await ui.open({ as: "admin" });
    const lines = await chat(app.page, "what is erin's email?");
    expect(lines).toContain("Done: Found erin (email erin@example.com, display name Erin Example).");
    expect(app.unexpectedErrors()).toEqual([]);
  });

  it("updates a user's email and display name, and the table shows the change", async () => {
    await createUserDirectly(ui.url, { username: "frank", email: "frank@example.com" });
    app = await ui.open({ as: "admin" });
    expect(await chat(app.page, "change frank's email to frank2@example.com")).toContain(
      "Done: Updated frank (email frank2@example.com).",
    );
    expect(await chat(app.page, "set the display name of frank to Frank Ocean")).toContain(
      "Done: Updated frank (email frank2@example.com, display name Frank Ocean).",
    );
    await expect.poll(() => row("frank").textContent()).toContain("Frank Ocean");
    expect(await readUser(ui.url, "frank")).toMatchObject({ email: "frank2@example.com", version: 3 });
    expect(app.unexpectedErrors()).toEqual([]);
  });

  it("asks to delete a user naming its email and display name, deletes it only after a yes, keeps it after a no", async () => {
    await createUserDirectly(ui.url, {
      username: "gina",
      email: "gina@example.com",
      displayName: "Gina Lollobrigida",
    });
    await createUserDirectly(ui.url, { username: "hank", email: "hank@example.com" });
    app = await ui.open({ as: "admin" });

    expect(await chat(app.page, "remove gina")).toEqual([
      "Assistant: Delete gina (email gina@example.com, display name Gina Lollobrigida)? This cannot be undone. (yes/no)",
    ]);
    expect(await readUser(ui.url, "gina")).toBeDefined();
    expect(await chat(app.page, "yes")).toContain("Done: Deleted gina.");
    expect(await readUser(ui.url, "gina")).toBeUndefined();
    await expect.poll(() => row("gina").count()).toBe(0);

    await chat(app.page, "delete hank");
    const refused = await chat(app.page, "no");
    expect(refused.filter((line) => line.startsWith("Done:"))).toEqual([]);
    expect(await readUser(ui.url, "hank")).toBeDefined();
    await screenshot(app.page, "chat-delete");
    expect(app.unexpectedErrors()).toEqual([]);
  });

  it("never asks to delete a user who doesn't exist, and a yes after that deletes nothing", async () => {
    app = await ui.open({ as: "admin" });

    expect(await chat(app.page, "delete user nobody.here")).toEqual([
      "Assistant: There is no user nobody.here, so there is nothing to delete.",
    ]);
    const after = await chat(app.page, "yes");
    expect(after.filter((line) => /^(Done|Problem):/.test(line))).toEqual([]);
    expect(app.unexpectedErrors(404)).toEqual([]);
  });

  it("never acts on something other than what was asked", async () => {
    await createUserDirectly(ui.url, { username: "kara", email: "kara@example.com" });
    await createUserDirectly(ui.url, { username: "lars", email: "lars@example.com" });
    app = await ui.open({ as: "admin" });

    expect(await chat(app.page, "disable the account of kara")).toEqual([
      expect.stringMatching(
        /^Assistant: I can't do that: I don't know what “disable” means here, so I did nothing\./,
      ),
    ]);
    expect(await chat(app.page, "delete kara and lars")).toEqual([
      "Assistant: I handle one user at a time, so I haven't done anything yet: which first, kara or lars?",
    ]);
    expect(await chat(app.page, "delete all test users")).toEqual([
      expect.stringMatching(/^Assistant: I can't delete several users at once, so I did nothing/),
    ]);
    expect(await readUser(ui.url, "kara")).toBeDefined();
    expect(await readUser(ui.url, "lars")).toBeDefined();
    expect(
      await chat(app.page, "new account for Priya Patel, username ppatel, email ppatel@example.com"),
    ).toContain("Done: Created ppatel (email ppatel@example.com, display name Priya Patel).");
    expect(app.unexpectedErrors()).toEqual([]);
  });

  it("lists the users by name", async () => {
    await createUserDirectly(ui.url, { username: "ivy", email: "ivy@example.com" });
    const names = await allUsernames(ui.url);
    app = await ui.open({ as: "admin" });
    const lines = await chat(app.page, "list users");
    const listing =
      names.length <= 10
        ? `Done: ${names.length} users: ${names.join(", ")}.`
        : `Done: The first 10 users: ${names.slice(0, 10).join(", ")}. The table pages through the rest.`;
    expect(lines).toContain(listing);
    expect(app.unexpectedErrors()).toEqual([]);
  });

  it("finds anyone by name, username or email from one sentence, and answers in the transcript", async () => {
    await createUserDirectly(ui.url, {
      username: "zoe.k",
      email: "zoe.k@example.com",
      displayName: "Zoë Kravitz",
    });
    await createUserDirectly(ui.url, {
      username: "annj",
      email: "ann@example.com",
      displayName: "Ann Johnson",
    });
    for (const username of ["mara", "marek", "mario"]) {
      await createUserDirectly(ui.url, { username, email: `${username}@example.com` });
    }
    app = await ui.open({ as: "admin" });

    expect(await chat(app.page, "find Zoë")).toContain(
      "Done: Found zoe.k (email zoe.k@example.com, display name Zoë Kravitz).",
    );
    expect(await chat(app.page, "who is named Johnson")).toContain(
      "Done: Found annj (email ann@example.com, display name Ann Johnson).",
    );
    expect(await chat(app.page, "find users starting with mar")).toContain(
      "Done: Users matching “mar”: mara, marek, mario.",
    );
    expect(await chat(app.page, "who has the email MAREK@example.com?")).toContain(
      "Done: Found marek (email marek@example.com).",
    );
    expect(await chat(app.page, "is anyone using nobody.here@example.com?")).toContain(
      "Done: No user matches “nobody.here@example.com”.",
    );
    expect(await seriousAccessibilityViolations(app.page)).toEqual([]);
    expect(app.unexpectedErrors()).toEqual([]);
  });

  it("reports in the transcript when the Users API refuses the action", async () => {
    await createUserDirectly(ui.url, { username: "jack", email: "jack@example.com" });
    app = await ui.open({ as: "admin" });
    const lines = await chat(app.page, "add a user called jack with email jack2@example.com");
    expect(lines).toContain("Problem: Could not create jack: username is already taken.");
    expect(await readUser(ui.url, "jack")).toMatchObject({ email: "jack@example.com" });
    expect(app.unexpectedErrors(409)).toEqual([]);
  });

  it("says clearly in the transcript when the Chatbot API is unreachable or answers 5xx", async () => {
    app = await ui.open({ as: "admin" });
    await app.page.route("**/api/chat", (route) => route.abort("connectionrefused"));
    expect(await chat(app.page, "list users")).toEqual([
      "Problem: The Chatbot API is unreachable. Check your connection and try again.",
    ]);
    await app.page.unroute("**/api/chat");
    await app.page.route("**/api/chat", (route) => route.fulfill({ status: 502, body: "Bad Gateway" }));
    expect(await chat(app.page, "list users")).toEqual([
      "Problem: The Chatbot API is having trouble (HTTP 502). Try again in a moment.",
    ]);
    // The Message box is ready for the next try.
    expect(await app.page.evaluate(() => document.activeElement?.id)).toBe("chat-message");
    expect(app.unexpectedErrors("network", 502)).toEqual([]);
  });
});
