// Which page of which search the table shows, kept in the page's address so that a reload, Back and Forward
// and a shared link show it again: `?q=<search>&size=<rows>&page=<n>&cursor=<cursor>`, each left out at its
// default (everyone, the default page size, page 1). The API's cursors are opaque and only lead forward, so the
// address carries the cursor of the page shown and its number, and the history entry (which survives a reload)
// also keeps where every earlier page starts, for Previous. A shared link has no history entry: Previous then
// finds the earlier page's start by paging forward from the first (see UserPages).

const PARAMS = { search: "q", pageSize: "size", page: "page", cursor: "cursor" } as const;

/** Where a page starts: the cursor that opens it (none for page 1), and how many users precede it, if known. */
export interface PageStart {
  readonly cursor?: string;
  readonly offset?: number;
}

export const FIRST_PAGE: PageStart = { offset: 0 };

/** What the table shows. */
export interface PageView {
  /** The operator's search, trimmed; empty for everyone. */
  readonly search: string;
  readonly pageSize: number;
  /** Where each page from the first to the one shown starts; `undefined` for a page a shared link skipped. */
  readonly pages: readonly (PageStart | undefined)[];
}

export const shownPage = (view: PageView): PageStart => view.pages[view.pages.length - 1] ?? FIRST_PAGE;

/** Whether two views ask the API the same question (same search, size and cursor). */
export function sameRequest(a: PageView, b: PageView): boolean {
  return a.search === b.search && a.pageSize === b.pageSize && shownPage(a).cursor === shownPage(b).cursor;
}

/** The search the address names, trimmed; empty for everyone. */
export const searchInAddress = () =>
  new URLSearchParams(window.location.search).get(PARAMS.search)?.trim() ?? "";

/** The view the address names; a size not among `pageSizes`, or a page without its cursor, falls back. */
export function viewFromAddress(pageSizes: readonly number[], defaultPageSize: number): PageView {
  const params = new URLSearchParams(window.location.search);
  const search = searchInAddress();
  const size = Number(params.get(PARAMS.pageSize));
  const pageSize = pageSizes.includes(size) ? size : defaultPageSize;
  const page = Number(params.get(PARAMS.page));
  const cursor = params.get(PARAMS.cursor);
  if (!Number.isSafeInteger(page) || page < 2 || !cursor) return { search, pageSize, pages: [FIRST_PAGE] };
  const kept = (window.history.state as { pages?: unknown } | null)?.pages;
  if (Array.isArray(kept) && kept.length === page && (kept[page - 1] as PageStart)?.cursor === cursor) {
    return { search, pageSize, pages: kept as PageStart[] };
  }
  const skipped = Array.from({ length: page - 2 }, () => undefined);
  return { search, pageSize, pages: [FIRST_PAGE, ...skipped, { cursor }] };
}

/**
 * Puts `view` in the address: `push` makes a history entry of its own (a page turned, a new search), `replace`
 * rewrites the current one (the same search refined, a refresh that moved back a page).
 */
export function rememberView(view: PageView, how: "push" | "replace", defaultPageSize: number): void {
  const url = new URL(window.location.href);
  const set = (name: string, value: string | undefined) => {
    if (value) url.searchParams.set(name, value);
    else url.searchParams.delete(name);
  };
  const { cursor } = shownPage(view);
  set(PARAMS.search, view.search);
  set(PARAMS.pageSize, view.pageSize === defaultPageSize ? undefined : String(view.pageSize));
  set(PARAMS.page, view.pages.length > 1 ? String(view.pages.length) : undefined);
  set(PARAMS.cursor, view.pages.length > 1 ? cursor : undefined);
  const state = { pages: view.pages };
  if (how === "push") window.history.pushState(state, "", url);
  else window.history.replaceState(state, "", url);
}
