// The search field above the users table. Results follow the typing (after a short pause, so a fast typist
// sends one request, not one per key), and the search lives in the page's address as `?q=`: a reload, the
// Back and Forward buttons and a shared link all show the same results.

/** Long enough to let a word be typed, short enough to feel immediate. */
const TYPING_PAUSE_MS = 250;
const QUERY_PARAM = "q";

export function searchInAddress(): string {
  return new URLSearchParams(window.location.search).get(QUERY_PARAM) ?? "";
}

/**
 * Calls `show` with the search to display: at once for the address's own, then after each pause in typing,
 * on Enter, and when Back or Forward lands on another search.
 */
export function bindSearchBox(
  form: HTMLFormElement,
  input: HTMLInputElement,
  show: (search: string) => void,
): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let shown = searchInAddress();
  input.value = shown;

  const commit = () => {
    clearTimeout(timer);
    const search = input.value.trim();
    if (search === shown) return;
    remember(search, shown);
    shown = search;
    show(search);
  };

  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(commit, TYPING_PAUSE_MS);
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    commit();
  });
  window.addEventListener("popstate", () => {
    clearTimeout(timer);
    shown = searchInAddress();
    input.value = shown;
    show(shown);
  });
  show(shown);
}

/**
 * Puts `search` in the address. Refining the same search (typing on, or deleting back) replaces its history
 * entry; a different search gets an entry of its own, so Back returns to it rather than to each keystroke.
 */
function remember(search: string, previous: string): void {
  const url = new URL(window.location.href);
  if (search) url.searchParams.set(QUERY_PARAM, search);
  else url.searchParams.delete(QUERY_PARAM);
  const refining =
    previous !== "" && search !== "" && (search.startsWith(previous) || previous.startsWith(search));
  if (refining) history.replaceState(null, "", url);
  else history.pushState(null, "", url);
}
