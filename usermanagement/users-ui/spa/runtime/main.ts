// Entry point: reads the settings, signs the operator in, then finds the page's parts and wires them together;
// each concern lives in its own module.
import { ApiError, authenticateRequests } from "./api-request";
import { bindChatPanel } from "./chat-panel";
import { bindCreateUserForm } from "./create-user-form";
import { DeleteUserDialog } from "./delete-user-dialog";
import { restoreDrafts, saveDrafts } from "./drafts";
import { type EditDraft, EditUserDialog } from "./edit-user-dialog";
import { mayChangeUsers, type Operator, operatorFrom } from "./operator";
import { bindSearchBox } from "./search-box";
import { createUserManager, resumeSession, type Session, SignInError, signIn } from "./session";
import { loadSpaConfig } from "./spa-config";
import { createStatusRegion } from "./status-region";
import { trackStickyBarHeight } from "./sticky-bar";
import { UserPages } from "./user-pages";
import { UsersTable } from "./users-table";

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));
const isStatus = (error: unknown, status: number) => error instanceof ApiError && error.status === status;

const status = createStatusRegion(byId("status"));
const reportError = (error: unknown) => status.error(errorText(error));

// Until the workspace opens, the sign-in screen is the only place a problem can be read.
start().catch((error) =>
  byId("workspace").hidden ? showSignInScreen(errorText(error)) : reportError(error),
);

async function start(): Promise<void> {
  const signInButton = byId<HTMLButtonElement>("sign-in");
  const config = await loadSpaConfig().catch((error) => {
    // Without the settings there is nowhere to sign in: say why instead of offering a button that can't work.
    signInButton.disabled = true;
    return showSignInScreen(errorText(error));
  });
  if (!config) return;
  const manager = createUserManager(config);
  signInButton.addEventListener("click", () => {
    signInButton.disabled = true;
    signIn(manager).catch((error) => {
      signInButton.disabled = false;
      showSignInScreen(`The sign-in page could not be reached: ${errorText(error)}`);
    });
  });
  try {
    const session = await resumeSession(manager, config);
    if (session) openWorkspace(session);
    else showSignInScreen();
  } catch (error) {
    if (!(error instanceof SignInError)) throw error;
    showSignInScreen(error.message);
  }
}

/** The only screen of a signed-out operator: one button to the issuer's sign-in page. */
function showSignInScreen(problem?: string): undefined {
  const alert = byId("sign-in-problem");
  alert.textContent = problem ?? "";
  alert.hidden = !problem;
  byId("sign-in-screen").hidden = false;
  return undefined;
}

function openWorkspace(session: Session): void {
  let editInProgress: () => EditDraft | undefined = () => undefined;
  authenticateRequests({
    accessToken: session.accessToken,
    renew: session.renew,
    signInAgain: () => {
      saveDrafts(editInProgress());
      return session.signInAgain();
    },
  });
  const operator = operatorFrom(session.claims(), session.profile());
  showAccount(operator, session);
  const canChange = mayChangeUsers(operator);
  byId("create-user-form").hidden = !canChange;
  if (!canChange) {
    byId("chat-hint").textContent =
      "Try “what's alice's email?”, “find users starting with al” or “list users”.";
  }
  byId("workspace").hidden = false;
  showSkipLink();
  const editDialog = wireUsersAndChat(operator);
  editInProgress = () => editDialog.draft();
  const { restored, editing } = restoreDrafts();
  if (restored) status.success("You are signed in again; what you had typed is back.");
  if (editing) editDialog.resume(editing).catch(reportError);
}

/**
 * The link to the chat, first on the page: on a phone, where the panels stack, it spares scrolling past the
 * table. It focuses the Message box itself, since following a link to an input only scrolls to it.
 */
function showSkipLink(): void {
  const link = document.querySelector<HTMLAnchorElement>(".skip-link");
  if (!link) return;
  link.hidden = false;
  link.addEventListener("click", (event) => {
    event.preventDefault();
    byId("chat-message").focus();
  });
}

function showAccount(operator: Operator, session: Session): void {
  byId("account-name").textContent = operator.name;
  byId("account-role").textContent = operator.role === "admin" ? "(admin)" : "(viewer: read only)";
  byId("account").hidden = false;
  const signOut = byId<HTMLButtonElement>("sign-out");
  const problem = byId("account-problem");
  signOut.addEventListener("click", () => {
    signOut.disabled = true;
    problem.hidden = true;
    session.signOut().catch((error) => {
      signOut.disabled = false;
      problem.textContent = `Could not sign out: ${errorText(error)}`;
      problem.hidden = false;
    });
  });
}

/** Announces an outcome after the table has been reloaded, so what is announced is what the table shows. */
type AfterChange = (message: string, kind?: "success" | "error") => Promise<void>;

/** Wires the users table, its pages, dialogs and forms, the search and the chat; returns the edit dialog. */
function wireUsersAndChat(operator: Operator): EditUserDialog {
  const usersTable = byId<HTMLTableElement>("users-table");
  const table = new UsersTable(
    { table: usersTable, actionsHeader: usersTable.querySelector(".actions-column") as HTMLTableCellElement },
    {
      edit: (user, trigger) => {
        dialogs.edit.open(user.username).catch(async (error) => {
          if (isStatus(error, 404)) await afterChange(`${user.username} no longer exists.`, "error");
          else reportError(error);
          trigger.focus();
        });
      },
      remove: (user) => dialogs.remove.open(user),
    },
  );
  table.showReadOnly(!mayChangeUsers(operator));
  trackStickyBarHeight(document.querySelector(".table-bar") as HTMLElement, byId("workspace"));
  const pages = wirePages(table);
  const afterChange: AfterChange = async (message, kind = "success") => {
    try {
      await pages.refresh();
      status[kind](message);
    } catch (error) {
      status.error(`${message} The table could not be reloaded: ${errorText(error)}`);
    }
  };
  const dialogs = wireDialogs(table, afterChange);
  bindCreateUserForm(byId("create-user-form"), async (user) => {
    await afterChange(`Created ${user.username}.`);
    table.showAdded(user);
  });
  byId("refresh-users").addEventListener("click", () => pages.refresh().catch(reportError));
  bindChatPanel(
    {
      form: byId("chat-form"),
      input: byId("chat-message"),
      send: byId("chat-send"),
      transcript: byId("chat-transcript"),
    },
    operator,
    (outcome) => {
      if (outcome.refreshTable) pages.refresh().catch(reportError);
    },
  );
  pages.start().catch(reportError);
  return dialogs.edit;
}

/** The search field and the pages of the table it searches. */
function wirePages(table: UsersTable): UserPages {
  const searchBox = bindSearchBox(
    { form: byId("search-form"), input: byId("search-users"), error: byId("search-users-error") },
    (search, refining) => pages.find(search, refining).catch(reportError),
  );
  const pages = new UserPages(
    {
      position: byId("users-count"),
      first: byId("first-page"),
      previous: byId("previous-page"),
      next: byId("next-page"),
      pageSize: byId("page-size"),
    },
    table,
    {
      shown: searchBox.accepted,
      searchRefused: searchBox.refused,
      notice: status.error,
      failed: reportError,
    },
  );
  return pages;
}

/** The edit and delete dialogs; after either, focus goes back into the table where the operator was. */
function wireDialogs(table: UsersTable, afterChange: AfterChange) {
  const edit = new EditUserDialog(byId("edit-dialog"), async ({ saved, gone }) => {
    if (saved) await afterChange(`Saved ${saved.username}.`);
    if (gone) await afterChange(`${gone} no longer exists: someone deleted it.`, "error");
    (table.button(saved?.username ?? "", "edit") ?? byId("users-table")).focus();
  });
  const remove = new DeleteUserDialog(byId("delete-dialog"), async (username, error) => {
    // The row that takes the deleted one's place gets focus, so the operator carries on from where they were.
    const index = table.usernames().indexOf(username);
    if (!error) await afterChange(`Deleted ${username}.`);
    else if (isStatus(error, 412))
      await afterChange(
        `${username} was changed elsewhere, so it was not deleted. Review it and try again.`,
        "error",
      );
    else if (isStatus(error, 404)) await afterChange(`${username} was already deleted.`, "error");
    else reportError(error);
    const kept = table.button(username, "delete");
    if (kept) kept.focus();
    else table.focusRowAt(Math.max(index, 0), "delete");
  });
  return { edit, remove };
}
