// The search field above the users table. Results follow the typing (after a short pause, so a fast typist
// sends one request, not one per key); a search the API can't run gets its reason next to the field.
import { searchInAddress } from "./page-address";

/** Long enough to let a word be typed, short enough to feel immediate. */
const TYPING_PAUSE_MS = 250;

export interface SearchBoxElements {
  readonly form: HTMLFormElement;
  readonly input: HTMLInputElement;
  /** Where the API's reason for refusing a search goes; the input names it in `aria-describedby`. */
  readonly error: HTMLElement;
}

export interface SearchBox {
  /** The search shown was run: any earlier complaint about it goes. */
  accepted(): void;
  /** The API refused the search: says why next to the field. */
  refused(message: string): void;
}

/**
 * Calls `find` with the search to show after each pause in typing and on Enter; `refining` says it only
 * continues or trims the last one, so its history entry can be rewritten rather than added to.
 */
export function bindSearchBox(
  { form, input, error }: SearchBoxElements,
  find: (search: string, refining: boolean) => void,
): SearchBox {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let shown = searchInAddress();
  input.value = shown;

  const commit = () => {
    clearTimeout(timer);
    const search = input.value.trim();
    if (search === shown) return;
    const refining = shown !== "" && search !== "" && (search.startsWith(shown) || shown.startsWith(search));
    shown = search;
    find(search, refining);
  };
  const complain = (message: string) => {
    error.textContent = message;
    error.hidden = message === "";
    if (message) input.setAttribute("aria-invalid", "true");
    else input.removeAttribute("aria-invalid");
  };

  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(commit, TYPING_PAUSE_MS);
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    commit();
  });
  // Back and Forward bring another search's page back: the field follows it (the table loads it itself).
  window.addEventListener("popstate", () => {
    clearTimeout(timer);
    shown = searchInAddress();
    input.value = shown;
  });
  return {
    accepted: () => complain(""),
    refused: (message) => complain(`The search ${message}.`),
  };
}
