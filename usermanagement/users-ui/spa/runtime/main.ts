// Entry point: finds the page's parts and wires them together; each concern lives in its own module.
import { ApiError } from "./api-request";
import { bindChatPanel } from "./chat-panel";
import { bindCreateUserForm } from "./create-user-form";
import { DeleteUserDialog } from "./delete-user-dialog";
import { EditUserDialog } from "./edit-user-dialog";
import { createStatusRegion } from "./status-region";
import { UsersTable } from "./users-table";

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

const status = createStatusRegion(byId("status"));
const usersHeading = byId("users-heading");
const reportError = (error: unknown) => status.error(error instanceof Error ? error.message : String(error));
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
      editDialog.open(user.username).catch((error) => {
        reportError(error);
        if (error instanceof ApiError && error.status === 404) void refreshTable();
        trigger.focus();
      });
    },
    remove: (user) => deleteDialog.open(user),
    failed: reportError,
  },
);
const refreshTable = () => table.refresh().catch(reportError);

const editDialog = new EditUserDialog(byId("edit-dialog"), async ({ saved, gone }) => {
  if (saved) status.success(`Saved ${saved.username}.`);
  if (gone) status.error(`${gone} no longer exists: someone deleted it.`);
  await refreshTable();
  restoreFocus(saved ? table.button(saved.username, "edit") : null);
});

const deleteDialog = new DeleteUserDialog(byId("delete-dialog"), async (username, error) => {
  if (!error) status.success(`Deleted ${username}.`);
  else if (error instanceof ApiError && error.status === 412)
    status.error(`${username} was changed elsewhere, so it was not deleted. Review it and try again.`);
  else if (error instanceof ApiError && error.status === 404)
    status.error(`${username} was already deleted.`);
  else reportError(error);
  await refreshTable();
  restoreFocus(table.button(username, "delete"));
});

bindCreateUserForm(byId("create-user-form"), (user) => {
  status.success(`Created ${user.username}.`);
  void refreshTable();
});

byId("refresh-users").addEventListener("click", () => void refreshTable());

bindChatPanel(
  {
    form: byId("chat-form"),
    input: byId("chat-message"),
    send: byId("chat-send"),
    transcript: byId("chat-transcript"),
  },
  (outcome) => {
    if (outcome.refreshTable) void table.firstPage().catch(reportError);
  },
);

void refreshTable();
