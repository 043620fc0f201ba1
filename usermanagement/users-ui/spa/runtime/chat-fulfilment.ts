// Carries out what the chatbot understood: the Chatbot API only says what should be done (Lex's
// ReadyForFulfillment); the SPA does it against the Users API and describes the outcome in plain words.
import { ApiError } from "./api-request";
import { type Intent, slotValue } from "./chat-client";
import { createUser, deleteUser, getUser, listUsers, type User, updateUser } from "./users-client";

/** How many users a chat "list" names; the table pages through the rest. */
const LISTED_USERS = 10;

export interface Fulfilment {
  readonly ok: boolean;
  readonly message: string;
  /** Whether the users changed or were listed, so the table should show the result. */
  readonly refreshTable: boolean;
}

export async function fulfil(intent: Intent): Promise<Fulfilment | undefined> {
  const username = slotValue(intent, "username") ?? "";
  const email = slotValue(intent, "email");
  const displayName = slotValue(intent, "displayName");
  try {
    switch (intent.name) {
      case "CreateUser": {
        const { user } = await createUser({
          username,
          email: email ?? "",
          ...(displayName ? { displayName } : {}),
        });
        return done(`Created ${describe(user)}.`);
      }
      case "GetUser":
        return { ...done(`Found ${describe((await getUser(username)).user)}.`), refreshTable: false };
      case "UpdateUser": {
        // No If-Match: the chat read no version, so the change applies to the user as it is now.
        const { user } = await updateUser(username, {
          ...(email ? { email } : {}),
          ...(displayName ? { displayName } : {}),
        });
        return done(`Updated ${describe(user)}.`);
      }
      case "DeleteUser":
        // Lex only marks a delete ready once confirmed; anything else must never delete.
        if (intent.confirmationState !== "Confirmed") {
          return { ok: false, message: `Did not delete ${username}: not confirmed.`, refreshTable: false };
        }
        await deleteUser(username);
        return done(`Deleted ${username}.`);
      case "ListUsers":
        return done(listing(await listUsers(LISTED_USERS)));
      default:
        return undefined;
    }
  } catch (error) {
    return { ok: false, message: failure(intent.name, username, error), refreshTable: false };
  }
}

const done = (message: string): Fulfilment => ({ ok: true, message, refreshTable: true });

function describe(user: User): string {
  const name = user.displayName ? `, display name ${user.displayName}` : "";
  return `${user.username} (email ${user.email}${name})`;
}

function listing(page: { items: readonly User[]; nextCursor: string | null }): string {
  if (page.items.length === 0) return "There are no users yet.";
  const names = page.items.map((user) => user.username).join(", ");
  return page.nextCursor
    ? `The first ${page.items.length} users: ${names}. The table pages through the rest.`
    : `${page.items.length} ${page.items.length === 1 ? "user" : "users"}: ${names}.`;
}

const ACTIONS: Record<string, string> = {
  CreateUser: "create",
  GetUser: "find",
  UpdateUser: "update",
  DeleteUser: "delete",
  ListUsers: "list users",
};

function failure(intentName: string, username: string, error: unknown): string {
  const action = `Could not ${ACTIONS[intentName] ?? "do that"}${intentName === "ListUsers" ? "" : ` ${username}`}`;
  if (!(error instanceof ApiError)) return `${action}: ${String(error)}`;
  const fields = error.problem?.errors?.map(({ field, message }) => `${field} ${message}`);
  return `${action}: ${fields?.length ? `${fields.join("; ")}.` : error.message}`;
}
