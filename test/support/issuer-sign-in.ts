// Signs a person in the way they do it: the app's Sign in button, then the sandbox issuer's own sign-in page.
import type { Page } from "playwright-core";
import { SANDBOX_PEOPLE } from "../../sandbox/issuer/accounts";
import { usersLoaded } from "./browser";

export type SandboxPersonName = "admin" | "viewer";

export function credentialsOf(name: SandboxPersonName): {
  username: string;
  password: string;
  email: string;
} {
  const person = SANDBOX_PEOPLE.find((p) => p.username === name);
  if (!person) throw new Error(`the sandbox issuer seeds no ${name}`);
  return { username: person.username, password: person.password, email: person.email };
}

/** On the issuer's page (the app already sent the browser there): types the credentials and submits. */
export async function submitIssuerSignIn(page: Page, name: SandboxPersonName): Promise<void> {
  const { username, password } = credentialsOf(name);
  // The app's own page has a "Username" field too: wait for the issuer's page, the one asking for a password.
  await page.getByLabel("Password").waitFor();
  await page.getByLabel("Username", { exact: true }).fill(username);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** From the app's sign-in screen to its signed-in page with the users loaded. */
export async function signInThroughIssuer(
  page: Page,
  appUrl: string,
  name: SandboxPersonName,
): Promise<void> {
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => url.origin !== new URL(appUrl).origin);
  await submitIssuerSignIn(page, name);
  await page.waitForURL((url) => url.origin === new URL(appUrl).origin && !url.searchParams.has("code"));
  await usersLoaded(page);
}

/** The page header's "Signed in as <name> <role>" line, whatever the spacing between its parts. */
export function signedInAs(name: string, role: string): RegExp {
  const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`Signed in as ${literal(name)}\\s+${literal(role)}`);
}
