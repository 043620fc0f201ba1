// Editing a user's email and display name in a modal dialog. The dialog reads the user when it opens and
// saves with `If-Match` on that version, so a change made elsewhere in between is refused (412) rather than
// silently overwritten; the operator can then reload the latest version and decide again.
import { ApiError } from "./api-request";
import { clearFormErrors, showFormError } from "./field-errors";
import { getUser, type TaggedUser, type UpdateUserInput, type User, updateUser } from "./users-client";

export interface EditOutcome {
  saved?: User;
  /** Set when the user no longer exists. */
  gone?: string;
}

/** An edit in progress, kept across signing in again: the version it started from, and what was typed. */
export interface EditDraft {
  readonly username: string;
  readonly etag: string;
  readonly email: string;
  readonly displayName: string;
}

export class EditUserDialog {
  private readonly form: HTMLFormElement;
  private readonly conflict: HTMLElement;
  private editing?: TaggedUser;

  constructor(
    private readonly dialog: HTMLDialogElement,
    private readonly onDone: (outcome: EditOutcome) => void,
  ) {
    this.form = dialog.querySelector("form") as HTMLFormElement;
    this.conflict = dialog.querySelector(".conflict") as HTMLElement;
    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      void this.save();
    });
    dialog.querySelector(".reload")?.addEventListener("click", () => void this.reload());
    dialog.querySelector(".cancel")?.addEventListener("click", () => dialog.close());
  }

  /** Reads `username` afresh and opens the dialog on it; throws (dialog closed) when it cannot be read. */
  async open(username: string): Promise<void> {
    this.show(await getUser(username));
    this.dialog.showModal();
    this.field("email").focus();
  }

  /** The edit in progress while the dialog is open. */
  draft(): EditDraft | undefined {
    if (!this.dialog.open || !this.editing) return undefined;
    const { user, etag } = this.editing;
    return {
      username: user.username,
      etag,
      email: this.field("email").value,
      displayName: this.field("displayName").value,
    };
  }

  /**
   * Opens the dialog again on a kept edit. It still saves against the version the edit started from, so a
   * change made elsewhere in the meantime is refused (412) rather than overwritten.
   */
  async resume(draft: EditDraft): Promise<void> {
    const { user } = await getUser(draft.username);
    this.show({ user, etag: draft.etag });
    this.field("email").value = draft.email;
    this.field("displayName").value = draft.displayName;
    this.dialog.showModal();
    this.field("email").focus();
  }

  private show(tagged: TaggedUser): void {
    this.editing = tagged;
    clearFormErrors(this.form);
    this.conflict.hidden = true;
    (this.dialog.querySelector(".editing-username") as HTMLElement).textContent = tagged.user.username;
    this.field("email").value = tagged.user.email;
    this.field("displayName").value = tagged.user.displayName ?? "";
  }

  private async save(): Promise<void> {
    if (!this.editing) return;
    const { user, etag } = this.editing;
    const changes = this.changes(user);
    if (Object.keys(changes).length === 0) {
      this.dialog.close();
      return;
    }
    // One save at a time: a second click would carry the same If-Match and fail as a false conflict.
    const submit = this.form.querySelector<HTMLButtonElement>("button[type=submit]");
    if (submit) submit.disabled = true;
    try {
      const saved = await updateUser(user.username, changes, etag);
      this.dialog.close();
      this.onDone({ saved: saved.user });
    } catch (error) {
      if (error instanceof ApiError && error.status === 412) this.showConflict();
      else if (error instanceof ApiError && error.status === 404) this.closeGone(user.username);
      else showFormError(this.form, error);
    } finally {
      if (submit) submit.disabled = false;
    }
  }

  /** Only what the operator changed, so the request says exactly what they meant to change. */
  private changes(user: User): UpdateUserInput {
    const email = this.field("email").value.trim();
    const displayName = this.field("displayName").value.trim();
    return {
      ...(email !== user.email ? { email } : {}),
      // An emptied display name removes it.
      ...(displayName !== (user.displayName ?? "") ? { displayName: displayName || null } : {}),
    };
  }

  private showConflict(): void {
    clearFormErrors(this.form);
    this.conflict.hidden = false;
    this.dialog.querySelector<HTMLButtonElement>(".reload")?.focus();
  }

  private async reload(): Promise<void> {
    if (!this.editing) return;
    const { username } = this.editing.user;
    try {
      this.show(await getUser(username));
      this.field("email").focus();
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) this.closeGone(username);
      else showFormError(this.form, error);
    }
  }

  private closeGone(username: string): void {
    this.dialog.close();
    this.onDone({ gone: username });
  }

  private field(name: "email" | "displayName"): HTMLInputElement {
    return this.form.elements.namedItem(name) as HTMLInputElement;
  }
}
