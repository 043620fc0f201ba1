// Paging through everyone, or through a search's matches: the pager's buttons, the line saying which page is
// shown, and the address that keeps it (page-address.ts). Only the answer to the latest request is shown (a
// slower, older one is dropped), and a second click for a page already on its way sends nothing more.
import { ApiError } from "./api-request";
import {
  FIRST_PAGE,
  type PageStart,
  type PageView,
  rememberView,
  sameRequest,
  shownPage,
  viewFromAddress,
} from "./page-address";
import { listUsers, type UserPage } from "./users-client";
import type { UsersTable } from "./users-table";

export interface UserPagesElements {
  readonly position: HTMLElement;
  readonly first: HTMLButtonElement;
  readonly previous: HTMLButtonElement;
  readonly next: HTMLButtonElement;
  readonly pageSize: HTMLSelectElement;
}

/** What the pages tell the rest of the page; a load that fails for any other reason rejects. */
export interface UserPagesEvents {
  /** A page was shown, so its search is one the API accepts. */
  shown(view: PageView): void;
  /** The API refused the search itself; the table is emptied. */
  searchRefused(message: string): void;
  /** Something the operator should know that is not a failure. */
  notice(message: string): void;
  /** A failure of a load the operator started from the pager. */
  failed(error: unknown): void;
}

type HistoryEntry = "push" | "replace" | "none";

export class UserPages {
  private view: PageView;
  private nextCursor: string | null = null;
  private shownCount = 0;
  private loading?: { readonly view: PageView; readonly done: Promise<void> };
  /** Numbers each load, so an answer that arrives after a newer request was made is ignored. */
  private latestLoad = 0;
  private readonly defaultPageSize: number;
  private readonly pageSizes: number[];

  constructor(
    private readonly elements: UserPagesElements,
    private readonly table: UsersTable,
    private readonly events: UserPagesEvents,
  ) {
    const options = [...elements.pageSize.options];
    this.pageSizes = options.map((option) => Number(option.value));
    this.defaultPageSize = Number((options.find((option) => option.defaultSelected) ?? options[0]).value);
    this.view = this.fromAddress();
    // A page turned from the pager starts at its first row, even when the pager was used from further down.
    const turn = (to: () => Promise<void>) => () => void to().then(() => table.revealStart(), events.failed);
    const turns: [HTMLElement, string, () => Promise<void>][] = [
      [elements.next, "click", () => this.goNext()],
      [elements.previous, "click", () => this.goBack(this.view.pages.length - 1)],
      [elements.first, "click", () => this.goBack(1)],
      [
        elements.pageSize,
        "change",
        () => this.show({ ...this.view, pageSize: this.chosenSize(), pages: [FIRST_PAGE] }, "push"),
      ],
    ];
    for (const [element, event, to] of turns) element.addEventListener(event, turn(to));
    window.addEventListener(
      "popstate",
      () => void this.show(this.fromAddress(), "none").catch(events.failed),
    );
  }

  /** Shows what the address names: the first load after the page opens. */
  start(): Promise<void> {
    return this.show(this.view, "none");
  }

  /** Shows the first page of what `search` finds; `refining` the same search rewrites its history entry. */
  find(search: string, refining: boolean): Promise<void> {
    return this.show({ ...this.view, search, pages: [FIRST_PAGE] }, refining ? "replace" : "push");
  }

  /**
   * Reloads the page on display, with a request of its own (one already on its way may have left before the
   * change it is to show); when the page has emptied (its last users deleted), shows the page before it.
   */
  async refresh(): Promise<void> {
    await this.show(this.view, "replace", "fresh");
    if (this.shownCount === 0 && this.view.pages.length > 1) {
      const pages = await this.startsUpTo(this.view.pages.length - 1);
      await this.show({ ...this.view, pages }, "replace", "fresh");
    }
  }

  private chosenSize(): number {
    return Number(this.elements.pageSize.value);
  }

  private fromAddress(): PageView {
    const view = viewFromAddress(this.pageSizes, this.defaultPageSize);
    this.elements.pageSize.value = String(view.pageSize);
    return view;
  }

  private async goNext(): Promise<void> {
    if (this.nextCursor === null) return;
    const { offset } = shownPage(this.view);
    const next = {
      cursor: this.nextCursor,
      offset: offset === undefined ? undefined : offset + this.shownCount,
    };
    await this.show({ ...this.view, pages: [...this.view.pages, next] }, "push");
  }

  /** Shows page number `page` (1 is the first) of the current search. */
  private async goBack(page: number): Promise<void> {
    if (page < 1 || page >= this.view.pages.length) return;
    await this.show({ ...this.view, pages: await this.startsUpTo(page) }, "push");
  }

  /**
   * The starts of pages 1 to `page`. Those a shared link skipped are found by paging forward, as Next does,
   * from the last start known before them; should the users have shrunk meanwhile, the list ends earlier.
   */
  private async startsUpTo(page: number): Promise<PageStart[]> {
    const found: PageStart[] = [];
    for (const start of this.view.pages.slice(0, page)) {
      if (start) found.push(start);
      else {
        const before = found[found.length - 1];
        const answer = await this.fetch(this.view, before);
        if (answer.nextCursor === null) break;
        const offset = before.offset === undefined ? undefined : before.offset + answer.items.length;
        found.push({ cursor: answer.nextCursor, offset });
      }
    }
    return found;
  }

  /**
   * Loads `view`; only once it has loaded does it become the table's, so a failed page turn keeps the last. The
   * same request already on its way is not sent again (a second click on Next), unless `fresh` is asked for.
   */
  private show(view: PageView, entry: HistoryEntry, answer: "reuse" | "fresh" = "reuse"): Promise<void> {
    if (answer === "reuse" && this.loading && sameRequest(this.loading.view, view)) return this.loading.done;
    const load = ++this.latestLoad;
    const done = this.load(view, entry, load).finally(() => {
      if (load === this.latestLoad) this.loading = undefined;
    });
    this.loading = { view, done };
    return done;
  }

  private async load(view: PageView, entry: HistoryEntry, load: number): Promise<void> {
    this.table.busy(true);
    try {
      const page = await this.fetch(view, shownPage(view));
      if (load !== this.latestLoad) return;
      this.display(view, page, entry);
      this.events.shown(view);
    } catch (error) {
      if (load === this.latestLoad) await this.recover(view, entry, error);
    } finally {
      if (load === this.latestLoad) this.table.busy(false);
    }
  }

  /**
   * After a failed load: a refused search is an answer, said next to the search field; anything else is thrown
   * for the caller to report. Either way the table never keeps the rows of one search under another.
   */
  private async recover(view: PageView, entry: HistoryEntry, error: unknown): Promise<void> {
    const refused = refusedParameter(error);
    if (refused?.field === "cursor" && view.pages.length > 1) {
      // A link to a page whose cursor the API no longer takes: its first page is the nearest honest answer.
      this.events.notice("That page can no longer be opened, so here is the first page.");
      return this.show({ ...view, pages: [FIRST_PAGE] }, entry === "none" ? "replace" : entry);
    }
    const sameQuestion = view.search === this.view.search && view.pageSize === this.view.pageSize;
    if (refused || !sameQuestion || !this.elements.position.dataset.loaded) {
      this.display({ ...view, pages: [FIRST_PAGE] }, { items: [], nextCursor: null }, entry);
      this.elements.position.textContent = refused
        ? "No users shown: the search can't be run as typed."
        : "Users could not be loaded.";
    }
    if (!refused) throw error;
    this.events.searchRefused(refused.message);
  }

  private fetch(view: PageView, start: PageStart): Promise<UserPage> {
    return listUsers(view.pageSize, start.cursor, view.search ? { search: view.search } : {});
  }

  private display(view: PageView, page: UserPage, entry: HistoryEntry): void {
    const { position, first, previous, next } = this.elements;
    this.view = view;
    this.nextCursor = page.nextCursor;
    this.shownCount = page.items.length;
    this.table.show(page.items);
    if (entry !== "none") rememberView(view, entry, this.defaultPageSize);
    position.dataset.loaded = "true";
    position.textContent = positionText(view, page.items.length, page.nextCursor !== null);
    const hadFocus = document.activeElement;
    first.disabled = view.pages.length === 1;
    previous.disabled = first.disabled;
    next.disabled = page.nextCursor === null;
    // A pager button that just became disabled drops keyboard focus: hand it to one still usable.
    if ([first, previous, next].some((button) => button === hadFocus && button.disabled)) {
      (next.disabled ? previous : next).focus();
    }
  }
}

/** Where the table is, e.g. "Page 3: users 21–30 matching “al”, more on the next page." */
function positionText(view: PageView, shown: number, more: boolean): string {
  const number = view.pages.length;
  if (shown === 0 && number === 1) return view.search ? `No users match “${view.search}”.` : "No users yet.";
  if (shown === 0) return `Page ${number}: no users here any more.`;
  const { offset } = shownPage(view);
  const which =
    offset === undefined
      ? `${shown} ${shown === 1 ? "user" : "users"}`
      : `users ${offset + 1}–${offset + shown}`;
  const matching = view.search ? ` matching “${view.search}”` : "";
  return `Page ${number}: ${which}${matching}${more ? ", more on the next page" : ""}.`;
}

/** The query parameter a 400 from the API names, among those the table sends that an operator can cause. */
function refusedParameter(error: unknown): { field: string; message: string } | undefined {
  if (!(error instanceof ApiError) || error.status !== 400) return undefined;
  return error.problem?.errors?.find(({ field }) => field === "search" || field === "cursor");
}
