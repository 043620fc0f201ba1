// The users table: one row per user of the page shown (user-pages.ts decides which), with each row's Edit and
// Delete buttons, and the places an operator's attention goes after acting: the user just added, highlighted,
// and after a delete the row that took the deleted one's place.
import { longDate, recordHistory, shortDate } from "./record-dates";
import type { User } from "./users-client";

export interface UsersTableElements {
  readonly table: HTMLTableElement;
  /** The header of the column holding each row's Edit and Delete buttons. */
  readonly actionsHeader: HTMLTableCellElement;
}

export interface TableActions {
  edit(user: User, trigger: HTMLButtonElement): void;
  remove(user: User, trigger: HTMLButtonElement): void;
}

type Action = "edit" | "delete";

export class UsersTable {
  private readOnly = false;
  private readonly body: HTMLTableSectionElement;

  constructor(
    private readonly elements: UsersTableElements,
    private readonly actions: TableActions,
  ) {
    this.body = elements.table.tBodies[0];
  }

  /** Leaves out the Edit and Delete buttons, for an operator who may only read; takes effect on the next page. */
  showReadOnly(readOnly: boolean): void {
    this.readOnly = readOnly;
    this.elements.actionsHeader.hidden = readOnly;
  }

  show(users: readonly User[]): void {
    this.body.replaceChildren(...users.map((user) => this.row(user)));
  }

  /** Marks the table as loading, so what it shows reads as about to change. */
  busy(loading: boolean): void {
    if (loading) this.elements.table.setAttribute("aria-busy", "true");
    else this.elements.table.removeAttribute("aria-busy");
  }

  /** Scrolls back to the first row when the operator is further down the table, as after turning a page. */
  revealStart(): void {
    const { table } = this.elements;
    if (table.getBoundingClientRect().top < 0) table.scrollIntoView({ block: "start" });
  }

  /** The usernames shown, top to bottom. */
  usernames(): string[] {
    return [...this.body.rows].map((row) => row.dataset.username ?? "");
  }

  /** The row's button for `action` on `username`, to return focus to after a dialog. */
  button(username: string, action: Action): HTMLButtonElement | null {
    const row = [...this.body.rows].find((r) => r.dataset.username === username);
    return row?.querySelector<HTMLButtonElement>(`button[data-action="${action}"]`) ?? null;
  }

  /**
   * Highlights the user just added and brings it into view. A user that sorts onto another page is shown
   * anyway, in a row of its own above this page's, marked as just added.
   */
  showAdded(user: User): void {
    let row = [...this.body.rows].find((r) => r.dataset.username === user.username);
    if (!row) {
      row = this.row(user);
      row.dataset.elsewhere = "true";
      this.body.prepend(row);
    }
    row.classList.add("added");
    row.scrollIntoView({ block: "nearest" });
  }

  /**
   * After a delete, focuses the row that took the place of the row at `index` (the next one, or the last when
   * the deleted one was last), on its button for `action`; the table itself when no row is left.
   */
  focusRowAt(index: number, action: Action): void {
    const rows = this.body.rows;
    const row = rows[Math.min(index, rows.length - 1)];
    const target = row?.querySelector<HTMLElement>(`button[data-action="${action}"]`) ?? this.elements.table;
    target.focus();
    target.scrollIntoView({ block: "nearest" });
  }

  private row(user: User): HTMLTableRowElement {
    const row = document.createElement("tr");
    row.dataset.username = user.username;
    const username = this.cell("th", "Username", breakable(user.username, /[._-]/g));
    username.setAttribute("scope", "row");
    row.append(
      username,
      this.cell("td", "Email", breakable(user.email, /@/g)),
      this.cell("td", "Display name", user.displayName ?? "—"),
      this.cell("td", "Last changed", this.changed(user)),
    );
    if (this.readOnly) return row;
    const actions = document.createElement("td");
    actions.className = "row-actions";
    actions.append(
      this.actionButton("Edit", "edit", user, (b) => this.actions.edit(user, b)),
      this.actionButton("Delete", "delete", user, (b) => this.actions.remove(user, b)),
    );
    row.append(actions);
    return row;
  }

  private cell(tag: "th" | "td", label: string, content: string | Node[] | Node): HTMLTableCellElement {
    const cell = document.createElement(tag);
    // The phone layout stacks cells and shows each one's column name from this attribute.
    cell.dataset.label = label;
    if (Array.isArray(content)) cell.append(...content);
    else cell.append(content);
    return cell;
  }

  private changed(user: User): HTMLTimeElement {
    const time = document.createElement("time");
    time.dateTime = user.updatedAt;
    time.textContent = shortDate(user.updatedAt);
    time.title = `${longDate(user.updatedAt)}. ${recordHistory(user)}`;
    return time;
  }

  private actionButton(
    text: string,
    action: Action,
    user: User,
    onClick: (button: HTMLButtonElement) => void,
  ): HTMLButtonElement {
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = text;
    button.dataset.action = action;
    button.className = action === "delete" ? "danger" : "secondary";
    button.setAttribute("aria-label", `${text} ${user.username}`);
    button.addEventListener("click", () => onClick(button));
    return button;
  }
}

/** `text` with a line-break opportunity after each of `breaks`: where a long name reads best split. */
function breakable(text: string, breaks: RegExp): Node[] {
  return text
    .replace(breaks, "$&\u0000")
    .split("\u0000")
    .flatMap((part, index) => [
      ...(index > 0 ? [document.createElement("wbr")] : []),
      document.createTextNode(part),
    ]);
}
