// Editing a user's email and display name in a modal dialog. The dialog opens at once and says it is loading,
// reads the user, and saves with `If-Match` on the version it read, so a change made elsewhere in between is
// refused (412) rather than silently overwritten. Then it reads the latest version and merges: what the
// operator typed stays, a field only the other side changed takes their value, and where both changed a field
// their value is shown beside the operator's, to keep or take.
import { ApiError } from "./api-request";
import { clearFormErrors, showFormError } from "./field-errors";
import { recordHistory } from "./record-dates";
import { getUser, type TaggedUser, type UpdateUserInput, type User, updateUser } from "./users-client";

export interface EditOutcome {
  saved?: User;
  /** Set when the user no longer exists. */
  gone?: string;
}

const FIELDS = ["email", "displayName"] as const;
type FieldName = (typeof FIELDS)[number];
/** The editable fields as the inputs hold them: no display name is the empty string. */
type Fields = Readonly<Record<FieldName, string>>;

/** An edit in progress, kept across signing in again: the version it started from, and what was typed. */
export interface EditDraft extends Fields {
  readonly username: string;
  readonly etag: string;
  /** The fields as they were when the edit began, to tell the operator's changes from another's. */
  readonly started?: Fields;
}

interface Editing {
  readonly username: string;
  /** The version a save is checked against. */
  readonly etag: string;
  /** The fields at that version: an input that differs from them holds the operator's change. */
  readonly started: Fields;
}

const fieldsOf = (user: User): Fields => ({ email: user.email, displayName: user.displayName ?? "" });

export class EditUserDialog {
  private readonly form: HTMLFormElement;
  private readonly conflict: HTMLElement;
  private editing?: Editing;
  /** Numbers each read, so a read that finishes after the dialog moved on to another is ignored. */
  private latestRead = 0;

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
    for (const name of FIELDS) {
      this.theirChange(name)
        .querySelector("button")
        ?.addEventListener("click", () => this.takeTheirs(name));
    }
    dialog.querySelector(".cancel")?.addEventListener("click", () => dialog.close());
  }

  /**
   * Opens the dialog on `username`, loading, then shows the user as read now. Clicks while it is open do
   * nothing; throws (dialog closed) when the user cannot be read.
   */
  async open(username: string): Promise<void> {
    const tagged = await this.read(username);
    if (tagged) this.show(tagged, fieldsOf(tagged.user), fieldsOf(tagged.user));
  }

  /** The edit in progress while the dialog is open. */
  draft(): EditDraft | undefined {
    if (!this.dialog.open || !this.editing) return undefined;
    const { username, etag, started } = this.editing;
    return { username, etag, started, email: this.value("email"), displayName: this.value("displayName") };
  }

  /**
   * Opens the dialog again on a kept edit. It still saves against the version the edit started from, so a
   * change made elsewhere in the meantime is refused (412), then merged, rather than overwritten.
   */
  async resume(draft: EditDraft): Promise<void> {
    const tagged = await this.read(draft.username);
    if (tagged)
      this.show({ user: tagged.user, etag: draft.etag }, draft.started ?? fieldsOf(tagged.user), draft);
  }

  /** Opens the dialog as loading and reads the user; `undefined` when a newer read or a close overtook it. */
  private async read(username: string): Promise<TaggedUser | undefined> {
    if (this.dialog.open) return undefined;
    const read = ++this.latestRead;
    this.editing = undefined;
    this.reset(username);
    this.setLoading(true);
    (this.dialog.querySelector("#edit-history") as HTMLElement).textContent = `Loading ${username}…`;
    this.dialog.showModal();
    try {
      const tagged = await getUser(username);
      return read === this.latestRead && this.dialog.open ? tagged : undefined;
    } catch (error) {
      if (read === this.latestRead) this.dialog.close();
      throw error;
    } finally {
      if (read === this.latestRead) this.setLoading(false);
    }
  }

  private reset(username: string): void {
    clearFormErrors(this.form);
    this.conflict.hidden = true;
    for (const name of FIELDS) this.theirChange(name).hidden = true;
    (this.dialog.querySelector(".editing-username") as HTMLElement).textContent = username;
  }

  private show({ user, etag }: TaggedUser, started: Fields, typed: Fields): void {
    this.editing = { username: user.username, etag, started };
    (this.dialog.querySelector("#edit-history") as HTMLElement).textContent = recordHistory(user);
    for (const name of FIELDS) this.field(name).value = typed[name];
    this.field("email").focus();
  }

  private setLoading(loading: boolean): void {
    for (const control of this.form.querySelectorAll<HTMLInputElement | HTMLButtonElement>(
      "input, [type=submit]",
    )) {
      control.disabled = loading;
    }
    this.form.setAttribute("aria-busy", String(loading));
  }

  private async save(): Promise<void> {
    if (!this.editing) return;
    const { username, etag } = this.editing;
    const changes = this.changes();
    if (Object.keys(changes).length === 0) {
      this.dialog.close();
      return;
    }
    // One save at a time: a second click would carry the same If-Match and fail as a false conflict.
    const submit = this.form.querySelector<HTMLButtonElement>("button[type=submit]");
    if (submit) submit.disabled = true;
    try {
      const saved = await updateUser(username, changes, etag);
      this.dialog.close();
      this.onDone({ saved: saved.user });
    } catch (error) {
      if (isStatus(error, 412)) await this.merge(username);
      else if (isStatus(error, 404)) this.closeGone(username);
      else showFormError(this.form, error);
    } finally {
      if (submit) submit.disabled = false;
    }
  }

  /** Only what the operator changed, so the request says exactly what they meant to change. */
  private changes(): UpdateUserInput {
    const started = this.editing?.started;
    if (!started) return {};
    const email = this.value("email");
    const displayName = this.value("displayName");
    return {
      ...(email !== started.email ? { email } : {}),
      // An emptied display name removes it.
      ...(displayName !== started.displayName ? { displayName: displayName || null } : {}),
    };
  }

  /** After a 412: reads the latest version and lays the other change beside the operator's. */
  private async merge(username: string): Promise<void> {
    const started = this.editing?.started;
    if (!started) return;
    let latest: TaggedUser;
    try {
      latest = await getUser(username);
    } catch (error) {
      if (isStatus(error, 404)) this.closeGone(username);
      else showFormError(this.form, error);
      return;
    }
    clearFormErrors(this.form);
    const theirs = fieldsOf(latest.user);
    const changedByThem = FIELDS.filter((name) => theirs[name] !== started[name]);
    const bothChanged = changedByThem.filter((name) => this.value(name) !== started[name]);
    for (const name of changedByThem) {
      if (!bothChanged.includes(name)) this.field(name).value = theirs[name];
      this.showTheirs(name, theirs[name]);
    }
    this.editing = { username, etag: latest.etag, started: theirs };
    (this.dialog.querySelector("#edit-history") as HTMLElement).textContent = recordHistory(latest.user);
    const toDecide = bothChanged.filter((name) => this.value(name) !== theirs[name]);
    this.conflict.textContent = conflictText(changedByThem.length > 0, toDecide.length > 0);
    this.conflict.hidden = false;
    (toDecide.length > 0 ? this.field(toDecide[0]) : this.conflict).focus();
  }

  /** Shows the other side's value under a field, with a button to take it while the field differs from it. */
  private showTheirs(name: FieldName, value: string): void {
    const note = this.theirChange(name);
    const differs = this.value(name) !== value;
    (note.querySelector("p") as HTMLElement).textContent =
      (value ? `Changed elsewhere to “${value}”` : "Removed elsewhere") + (differs ? "." : "; filled in.");
    (note.querySelector("button") as HTMLButtonElement).hidden = !differs;
    note.dataset.theirs = value;
    note.hidden = false;
  }

  private takeTheirs(name: FieldName): void {
    const value = this.theirChange(name).dataset.theirs ?? "";
    this.field(name).value = value;
    this.showTheirs(name, value);
    this.field(name).focus();
  }

  private closeGone(username: string): void {
    this.dialog.close();
    this.onDone({ gone: username });
  }

  private field(name: FieldName): HTMLInputElement {
    return this.form.elements.namedItem(name) as HTMLInputElement;
  }

  private value(name: FieldName): string {
    return this.field(name).value.trim();
  }

  private theirChange(name: FieldName): HTMLElement {
    return this.dialog.querySelector(`#edit-${name}-theirs`) as HTMLElement;
  }
}

function conflictText(theyChangedAField: boolean, choiceLeft: boolean): string {
  const what = "Someone else changed this user while you were editing.";
  if (choiceLeft)
    return `${what} What you typed is kept; their value is under each field you both changed. Choose, then save.`;
  if (theyChangedAField) return `${what} Their change is filled in and yours is kept: save to apply both.`;
  return `${what} Nothing you are editing changed: save again to apply your change.`;
}

const isStatus = (error: unknown, status: number) => error instanceof ApiError && error.status === status;
