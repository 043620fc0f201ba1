// What the operator typed survives signing in again: the values of the inputs marked `data-draft` go to
// sessionStorage before the browser leaves for the issuer, and come back when the page returns signed in.

const DRAFTS_KEY = "users-ui:drafts";

export function saveDrafts(): void {
  const drafts: Record<string, string> = {};
  for (const input of document.querySelectorAll<HTMLInputElement>("input[data-draft]")) {
    if (input.id && input.value !== "") drafts[input.id] = input.value;
  }
  if (Object.keys(drafts).length > 0) sessionStorage.setItem(DRAFTS_KEY, JSON.stringify(drafts));
}

/** Puts saved drafts back into their inputs, once; returns whether there were any. */
export function restoreDrafts(): boolean {
  const saved = sessionStorage.getItem(DRAFTS_KEY);
  if (saved === null) return false;
  sessionStorage.removeItem(DRAFTS_KEY);
  let restored = false;
  try {
    for (const [id, value] of Object.entries(JSON.parse(saved) as Record<string, unknown>)) {
      const input = document.getElementById(id);
      if (
        input instanceof HTMLInputElement &&
        input.hasAttribute("data-draft") &&
        typeof value === "string"
      ) {
        input.value = value;
        restored = true;
      }
    }
  } catch {
    // A damaged entry is only a lost draft.
  }
  return restored;
}
