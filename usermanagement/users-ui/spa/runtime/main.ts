// Entry point: finds the page's parts and wires them together; each concern lives in its own module.
import { ApiError } from "./api-request";
import { bindChatPanel } from "./chat-panel";
import { bindCreateUserForm } from "./create-user-form";
import { DeleteUserDialog } from "./delete-user-dialog";
import { EditUserDialog } from "./edit-user-dialog";
import { createStatusRegion } from "./status-region";
import { UsersTable } from "./users-table";

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));
const isStatus = (error: unknown, status: number) => error instanceof ApiError && error.status === status;

const status = createStatusRegion(byId("status"));
const reportError = (error: unknown) => status.error(errorText(error));
const usersHeading = byId("users-heading");
/** Puts focus back where the operator was, or on the Users heading when that element is gone. */
const restoreFocus = (element: HTMLElement | null) => (element ?? usersHeading).focus();

const table = new UsersTable(
  {
    body: byId<HTMLTableElement>("users-table").tBodies[0],
    count: byId("users-count"),
    previous: byId("previous-page"),
    next: byId("next-page"),
    pageSize: byId("page-size"),
  },
  {
    edit: (user, trigger) => {
      editDialog.open(user.username).catch(async (error) => {
        if (isStatus(error, 404)) await afterChange(`${user.username} no longer exists.`, "error");
        else reportError(error);
        trigger.focus();
      });
    },
    remove: (user) => deleteDialog.open(user),
    failed: reportError,
  },
);

/** Reloads the table, then announces `message`, so what is announced is what the table shows. */
async function afterChange(message: string, kind: "success" | "error" = "success"): Promise<void> {
  try {
    await table.refresh();
    status[kind](message);
  } catch (error) {
    status.error(`${message} The table could not be reloaded: ${errorText(error)}`);
  }
}

const editDialog = new EditUserDialog(byId("edit-dialog"), async ({ saved, gone }) => {
  if (saved) await afterChange(`Saved ${saved.username}.`);
  if (gone) await afterChange(`${gone} no longer exists: someone deleted it.`, "error");
  restoreFocus(saved ? table.button(saved.username, "edit") : null);
});

const deleteDialog = new DeleteUserDialog(byId("delete-dialog"), async (username, error) => {
  if (!error) await afterChange(`Deleted ${username}.`);
  else if (isStatus(error, 412))
    await afterChange(
      `${username} was changed elsewhere, so it was not deleted. Review it and try again.`,
      "error",
    );
  else if (isStatus(error, 404)) await afterChange(`${username} was already deleted.`, "error");
  else reportError(error);
  restoreFocus(table.button(username, "delete"));
});

bindCreateUserForm(byId("create-user-form"), (user) => afterChange(`Created ${user.username}.`));

byId("refresh-users").addEventListener("click", () => table.refresh().catch(reportError));

bindChatPanel(
  {
    form: byId("chat-form"),
    input: byId("chat-message"),
    send: byId("chat-send"),
    transcript: byId("chat-transcript"),
  },
  (outcome) => {
    if (outcome.refreshTable) table.firstPage().catch(reportError);
  },
);

table.refresh().catch(reportError);
