// Deleting a user only after the operator confirms in a modal dialog (focus starts on Cancel, the safe choice).
import { deleteUser, entityTag, type User } from "./users-client";

export class DeleteUserDialog {
  private target?: User;

  constructor(
    private readonly dialog: HTMLDialogElement,
    /** Called after the API answered, with its error when it refused. */
    private readonly onDone: (username: string, error?: unknown) => void,
  ) {
    dialog.querySelector(".confirm")?.addEventListener("click", () => void this.confirm());
    dialog.querySelector(".cancel")?.addEventListener("click", () => dialog.close());
  }

  open(user: User): void {
    this.target = user;
    const describe = user.displayName
      ? `${user.username} (${user.displayName}, ${user.email})`
      : user.username;
    (this.dialog.querySelector(".deleting-user") as HTMLElement).textContent = describe;
    this.dialog.showModal();
    this.dialog.querySelector<HTMLButtonElement>(".cancel")?.focus();
  }

  private async confirm(): Promise<void> {
    if (!this.target) return;
    const { username, version } = this.target;
    const button = this.dialog.querySelector<HTMLButtonElement>(".confirm");
    if (button) button.disabled = true;
    try {
      // The version the operator saw: a user changed since then is not deleted unseen.
      await deleteUser(username, entityTag(version));
      this.dialog.close();
      this.onDone(username);
    } catch (error) {
      this.dialog.close();
      this.onDone(username, error);
    } finally {
      if (button) button.disabled = false;
    }
  }
}
