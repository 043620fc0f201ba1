// The "Add a user" form: sends what was typed and lets the API judge it, so the rules live in one place
// (the API's problem details name each offending field).
import { clearFormErrors, showFormError } from "./field-errors";
import { createUser, type User } from "./users-client";

export function bindCreateUserForm(form: HTMLFormElement, onCreated: (user: User) => Promise<void>): void {
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const text = (name: string) => String(data.get(name) ?? "").trim();
    const displayName = text("displayName");
    const submit = form.querySelector<HTMLButtonElement>("button[type=submit]");
    if (submit) submit.disabled = true;
    try {
      const { user } = await createUser({
        username: text("username"),
        email: text("email"),
        ...(displayName ? { displayName } : {}),
      });
      clearFormErrors(form);
      form.reset();
      form.querySelector<HTMLInputElement>("input")?.focus();
      await onCreated(user);
    } catch (error) {
      showFormError(form, error);
    } finally {
      if (submit) submit.disabled = false;
    }
  });
}
