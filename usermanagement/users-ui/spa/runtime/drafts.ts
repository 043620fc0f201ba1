// What the operator typed survives signing in again: the values of the inputs marked `data-draft`, and an
// edit in progress, go to sessionStorage before the browser leaves for the issuer, and come back when the
// page returns signed in.
import type { EditDraft } from "./edit-user-dialog";

const DRAFTS_KEY = "users-ui:drafts";

interface SavedDrafts {
  readonly inputs: Readonly<Record<string, string>>;
  readonly editing?: EditDraft;
}

export function saveDrafts(editing?: EditDraft): void {
  const inputs: Record<string, string> = {};
  for (const input of document.querySelectorAll<HTMLInputElement>("input[data-draft]")) {
    if (input.id && input.value !== "") inputs[input.id] = input.value;
  }
  if (Object.keys(inputs).length === 0 && !editing) return;
  const drafts: SavedDrafts = { inputs, ...(editing ? { editing } : {}) };
  sessionStorage.setItem(DRAFTS_KEY, JSON.stringify(drafts));
}

/**
 * Puts saved drafts back into their inputs, once.
 * @returns whether anything was kept, and the edit to open again, if one was in progress
 */
export function restoreDrafts(): { restored: boolean; editing?: EditDraft } {
  const saved = sessionStorage.getItem(DRAFTS_KEY);
  if (saved === null) return { restored: false };
  sessionStorage.removeItem(DRAFTS_KEY);
  try {
    const { inputs, editing } = JSON.parse(saved) as SavedDrafts;
    let restored = editing !== undefined;
    for (const [id, value] of Object.entries(inputs)) {
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
    return { restored, ...(editing ? { editing } : {}) };
  } catch {
    // A damaged entry is only a lost draft.
    return { restored: false };
  }
}
