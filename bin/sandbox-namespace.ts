// The stack namespace of a sandbox: `UserManagementSandbox`, or `UserManagementSandbox-<name>` for a named one.
import { APP_NAME } from "../constants";

/** Letters and digits, then hyphens allowed inside: fits a stack name and reads well in the console. */
const SANDBOX_NAME = /^[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*$/;
const MAX_NAME_LENGTH = 32;

/**
 * @param name the `sandbox` context value (`-c sandbox=<name>`), if any
 * @throws Error with a message fit for the terminal when the name can't be part of a stack name
 */
export function sandboxNamespace(name: unknown): string {
  const base = `${APP_NAME}Sandbox`;
  if (name === undefined) return base;
  if (typeof name !== "string" || !SANDBOX_NAME.test(name) || name.length > MAX_NAME_LENGTH) {
    throw new Error(
      `Invalid sandbox name ${JSON.stringify(name)}: use 1–${MAX_NAME_LENGTH} letters, digits and inner hyphens, ` +
        "starting with a letter (e.g. -c sandbox=alice).",
    );
  }
  return `${base}-${name}`;
}
