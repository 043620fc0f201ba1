// Shows an API's problem details on a form: each `errors[].field` next to the input of that name, the rest
// in the form's own alert. Convention: an input `#x` has its message element `#x-error`.
import { ApiError } from "./api-request";

export function clearFormErrors(form: HTMLFormElement): void {
  for (const input of form.querySelectorAll<HTMLInputElement>("input[aria-invalid]")) {
    input.removeAttribute("aria-invalid");
    setErrorText(input, "");
  }
  setFormAlert(form, "");
}

/** Shows `error` on `form` and focuses the first invalid field, so keyboard users land where to fix it. */
export function showFormError(form: HTMLFormElement, error: unknown): void {
  clearFormErrors(form);
  const fieldErrors = error instanceof ApiError ? (error.problem?.errors ?? []) : [];
  const unplaced: string[] = [];
  let first: HTMLInputElement | undefined;
  for (const { field, message } of fieldErrors) {
    const input = form.elements.namedItem(field);
    if (!(input instanceof HTMLInputElement)) {
      unplaced.push(`${field || "Request"} ${message}`);
      continue;
    }
    input.setAttribute("aria-invalid", "true");
    setErrorText(input, `${labelOf(input)} ${message}.`);
    first ??= input;
  }
  const message = error instanceof Error ? error.message : String(error);
  // When every problem sits next to its field, the form alert only summarises.
  setFormAlert(form, [first ? "Please correct the marked fields." : message, ...unplaced].join(" "));
  (first ?? form.querySelector<HTMLElement>(".form-alert"))?.focus();
}

function setErrorText(input: HTMLInputElement, text: string): void {
  const element = document.getElementById(`${input.id}-error`);
  if (!element) return;
  element.textContent = text;
  element.hidden = text === "";
}

function setFormAlert(form: HTMLFormElement, text: string): void {
  const alert = form.querySelector<HTMLElement>(".form-alert");
  if (!alert) return;
  alert.textContent = text;
  alert.hidden = text === "";
}

function labelOf(input: HTMLInputElement): string {
  return input.labels?.[0]?.textContent?.trim() ?? input.name;
}
