// Deleting a user only after the operator confirms in a modal dialog (focus starts on Cancel, the safe choice).
// Once confirmed, the delete is under way and the dialog stays until the API has answered: neither Cancel nor
// Escape can hide a delete that will still happen.
import { deleteUser, entityTag, type User } from "./users-client";

export class DeleteUserDialog {
  private target?: User;
  private deleting = false;

  constructor(
    private readonly dialog: HTMLDialogElement,
    /** Called after the API answered, with its error when it refused. */
    private readonly onDone: (username: string, error?: unknown) => void,
  ) {
    dialog.querySelector(".confirm")?.addEventListener("click", () => void this.confirm());
    dialog.querySelector(".cancel")?.addEventListener("click", () => {
      if (!this.deleting) dialog.close();
    });
    // Escape asks to cancel; refused while the delete runs.
    dialog.addEventListener("cancel", (event) => {
      if (this.deleting) event.preventDefault();
    });
  }

  open(user: User): void {
    if (this.dialog.open) return;
    this.target = user;
    const describe = user.displayName
      ? `${user.username} (${user.displayName}, ${user.email})`
      : `${user.username} (${user.email})`;
    (this.dialog.querySelector(".deleting-user") as HTMLElement).textContent = describe;
    this.dialog.showModal();
    this.dialog.querySelector<HTMLButtonElement>(".cancel")?.focus();
  }

  private async confirm(): Promise<void> {
    if (!this.target || this.deleting) return;
    const { username, version } = this.target;
    this.setDeleting(true);
    try {
      // The version the operator saw: a user changed since then is not deleted unseen.
      await deleteUser(username, entityTag(version));
      this.finish(username);
    } catch (error) {
      this.finish(username, error);
    }
  }

  private finish(username: string, error?: unknown): void {
    this.setDeleting(false);
    this.dialog.close();
    this.onDone(username, error);
  }

  private setDeleting(deleting: boolean): void {
    this.deleting = deleting;
    // `closedby="none"` also holds where the browser closes a dialog on a second Escape whatever its
    // cancel listener says (Chrome's close watchers); the listener serves browsers without the attribute.
    if (deleting) this.dialog.setAttribute("closedby", "none");
    else this.dialog.removeAttribute("closedby");
    (this.dialog.querySelector(".confirm") as HTMLButtonElement).textContent = deleting
      ? "Deleting…"
      : "Delete";
    // aria-disabled rather than disabled: the focused button keeps focus, and says it is dimmed.
    for (const button of this.dialog.querySelectorAll("button")) {
      if (deleting) button.setAttribute("aria-disabled", "true");
      else button.removeAttribute("aria-disabled");
    }
  }
}
