// The users table, one page at a time, of everyone or of a search's matches. The API pages by opaque cursor,
// so the table remembers the cursor that opened each page it has visited: Previous goes back along them, Next
// follows `nextCursor`. Only the answer to the latest request is shown: a slower, older one is dropped.
import { filterFor, listUsers, type User, type UserFilter } from "./users-client";

export interface UsersTableElements {
  readonly body: HTMLTableSectionElement;
  readonly count: HTMLElement;
  readonly previous: HTMLButtonElement;
  readonly next: HTMLButtonElement;
  readonly pageSize: HTMLSelectElement;
  /** The header of the column holding each row's Edit and Delete buttons. */
  readonly actionsHeader: HTMLTableCellElement;
}

export interface TableActions {
  edit(user: User, trigger: HTMLButtonElement): void;
  remove(user: User, trigger: HTMLButtonElement): void;
  /** Reports a page that could not be loaded. */
  failed(error: unknown): void;
}

/** A page visited: the cursor that opens it and how many users precede it. */
interface PageStart {
  readonly cursor?: string;
  readonly offset: number;
}

export class UsersTable {
  private pages: PageStart[] = [{ offset: 0 }];
  private nextCursor: string | null = null;
  private shown: readonly User[] = [];
  private search = "";
  private filter: UserFilter = {};
  private readOnly = false;
  /** Numbers each load, so an answer that arrives after a newer request was made is ignored. */
  private latestLoad = 0;

  constructor(
    private readonly elements: UsersTableElements,
    private readonly actions: TableActions,
  ) {
    elements.next.addEventListener("click", () => this.goNext().catch(actions.failed));
    elements.previous.addEventListener("click", () => this.goPrevious().catch(actions.failed));
    elements.pageSize.addEventListener("change", () => this.firstPage().catch(actions.failed));
  }

  /** Reloads the page on display; the caller reports failures. */
  async refresh(): Promise<void> {
    await this.visit(this.pages);
    // Deleting the last user of a later page leaves it empty: show the page before instead.
    if (this.shown.length === 0 && this.pages.length > 1) await this.visit(this.pages.slice(0, -1));
  }

  async firstPage(): Promise<void> {
    await this.visit([{ offset: 0 }]);
  }

  /** Shows the first page of the users `search` finds (an operator's text; empty lists everyone). */
  async find(search: string): Promise<void> {
    this.search = search.trim();
    this.filter = filterFor(search);
    await this.firstPage();
  }

  /** Leaves out the Edit and Delete buttons, for an operator who may only read; takes effect on the next load. */
  showReadOnly(readOnly: boolean): void {
    this.readOnly = readOnly;
    this.elements.actionsHeader.hidden = readOnly;
  }

  /** The row's button for `action` on `username`, to return focus to after a dialog. */
  button(username: string, action: "edit" | "delete"): HTMLButtonElement | null {
    const row = [...this.elements.body.rows].find((r) => r.dataset.username === username);
    return row?.querySelector<HTMLButtonElement>(`button[data-action="${action}"]`) ?? null;
  }

  private get current(): PageStart {
    return this.pages[this.pages.length - 1];
  }

  private async goNext(): Promise<void> {
    if (this.nextCursor === null) return;
    await this.visit([
      ...this.pages,
      { cursor: this.nextCursor, offset: this.current.offset + this.shown.length },
    ]);
  }

  private async goPrevious(): Promise<void> {
    if (this.pages.length > 1) await this.visit(this.pages.slice(0, -1));
  }

  /** Shows the last of `pages` and only then remembers them, so a failed load leaves the table as it was. */
  private async visit(pages: PageStart[]): Promise<void> {
    const table = this.elements.body.closest("table");
    table?.setAttribute("aria-busy", "true");
    const load = ++this.latestLoad;
    try {
      const cursor = pages[pages.length - 1].cursor;
      const page = await listUsers(Number(this.elements.pageSize.value), cursor, this.filter);
      if (load !== this.latestLoad) return;
      this.pages = pages;
      this.shown = page.items;
      this.nextCursor = page.nextCursor;
      this.render();
    } catch (error) {
      if (load !== this.latestLoad) return;
      if (this.elements.count.dataset.loaded !== "true")
        this.elements.count.textContent = "Users could not be loaded.";
      throw error;
    } finally {
      if (load === this.latestLoad) table?.removeAttribute("aria-busy");
    }
  }

  private render(): void {
    const { body, count, previous, next } = this.elements;
    count.dataset.loaded = "true";
    body.replaceChildren(...this.shown.map((user) => this.row(user)));
    const first = this.current.offset + 1;
    const last = this.current.offset + this.shown.length;
    count.textContent = this.countText(first, last);
    const hadFocus = document.activeElement;
    previous.disabled = this.pages.length === 1;
    next.disabled = this.nextCursor === null;
    // A button that just became disabled drops keyboard focus; hand it to the pager button still usable.
    if (hadFocus === next && next.disabled && !previous.disabled) previous.focus();
    if (hadFocus === previous && previous.disabled && !next.disabled) next.focus();
  }

  private countText(first: number, last: number): string {
    const matching = this.search ? ` matching “${this.search}”` : "";
    if (this.shown.length === 0) return this.search ? `No users match “${this.search}”.` : "No users yet.";
    return `Showing users ${first}–${last}${matching}${this.nextCursor ? ", more on the next page" : ""}.`;
  }

  private row(user: User): HTMLTableRowElement {
    const row = document.createElement("tr");
    row.dataset.username = user.username;
    const cells: [label: string, text: string][] = [
      ["Username", user.username],
      ["Email", user.email],
      ["Display name", user.displayName ?? "—"],
      ["Version", String(user.version)],
    ];
    for (const [label, text] of cells) {
      const cell = document.createElement(label === "Username" ? "th" : "td");
      if (label === "Username") cell.setAttribute("scope", "row");
      // The phone layout stacks cells and shows each one's column name from this attribute.
      cell.dataset.label = label;
      cell.textContent = text;
      row.append(cell);
    }
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

  private actionButton(
    text: string,
    action: string,
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
