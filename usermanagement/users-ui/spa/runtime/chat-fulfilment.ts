// Carries out what the chatbot understood: the Chatbot API only says what should be done (Lex's
// ReadyForFulfillment); the SPA does it against the Users API and describes the outcome in plain words. Before a
// deletion it also plays Lex's dialog code hook: the Chatbot API can't read the Users table, so the SPA looks
// the user up and either asks the bot's question naming the user's email and display name, or closes it.
import { ApiError } from "./api-request";
import { type Intent, slotValue } from "./chat-client";
import { mayChangeUsers, type Operator } from "./operator";
import {
  createUser,
  deleteUser,
  getUser,
  listUsers,
  type User,
  type UserPage,
  updateUser,
} from "./users-client";

/** How many users a chat "list" or search names; the table pages through the rest. */
const LISTED_USERS = 10;

export interface Fulfilment {
  readonly ok: boolean;
  readonly message: string;
  /** Whether the users changed or were listed, so the table should show the result. */
  readonly refreshTable: boolean;
}

/** What each intent does, in the words of "Could not …". */
const ACTIONS: Readonly<Record<string, string>> = {
  CreateUser: "create",
  GetUser: "find",
  UpdateUser: "update",
  DeleteUser: "delete",
  ListUsers: "list users",
  FindUsers: "search",
};
const CHANGES: ReadonlySet<string> = new Set(["CreateUser", "UpdateUser", "DeleteUser"]);

export async function fulfil(intent: Intent, operator: Operator): Promise<Fulfilment | undefined> {
  if (!(intent.name in ACTIONS)) return undefined;
  const username = slotValue(intent, "username") ?? "";
  if (CHANGES.has(intent.name) && !mayChangeUsers(operator)) {
    const refusal = `You are signed in as a viewer, so I did not ${ACTIONS[intent.name]} ${username}: only admins may change users.`;
    return { ok: false, message: refusal, refreshTable: false };
  }
  try {
    return await carryOut(intent, username);
  } catch (error) {
    return { ok: false, message: failure(intent.name, username, error), refreshTable: false };
  }
}

async function carryOut(intent: Intent, username: string): Promise<Fulfilment | undefined> {
  const email = slotValue(intent, "email");
  const displayName = slotValue(intent, "displayName");
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
      return answer(`Found ${describe((await getUser(username)).user)}.`);
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
    case "FindUsers":
      return answer(await search(slotValue(intent, "searchTerm") ?? ""));
    default:
      return undefined;
  }
}

const done = (message: string): Fulfilment => ({ ok: true, message, refreshTable: true });
/** A lookup: the transcript says what was found, and the table stays as the operator left it. */
const answer = (message: string): Fulfilment => ({ ok: true, message, refreshTable: false });

export interface DeletionQuestion {
  /** Whether the bot's yes/no question stands; if not, the SPA closes the intent and nothing can be deleted. */
  readonly ask: boolean;
  /** The question, naming the user's email and display name; or why none is asked. */
  readonly message: string;
}

/** For the bot's ConfirmIntent on DeleteUser: the question for a user that exists, else why there is none. */
export async function askToDelete(intent: Intent, askedAgain: boolean): Promise<DeletionQuestion> {
  const username = slotValue(intent, "username") ?? "";
  try {
    const who = describe((await getUser(username)).user);
    const message = askedAgain
      ? `Please answer yes or no: delete ${who}?`
      : `Delete ${who}? This cannot be undone. (yes/no)`;
    return { ask: true, message };
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) {
      return { ask: false, message: `There is no user ${username}, so there is nothing to delete.` };
    }
    return { ask: false, message: `${failure("GetUser", username, error)} I won't ask to delete it unseen.` };
  }
}

function describe(user: User): string {
  const name = user.displayName ? `, display name ${user.displayName}` : "";
  return `${user.username} (email ${user.email}${name})`;
}

function listing(page: UserPage): string {
  if (page.items.length === 0) return "There are no users yet.";
  const names = page.items.map((user) => user.username).join(", ");
  return page.nextCursor
    ? `The first ${page.items.length} users: ${names}. The table pages through the rest.`
    : `${page.items.length} ${page.items.length === 1 ? "user" : "users"}: ${names}.`;
}

async function search(term: string): Promise<string> {
  const page = await listUsers(LISTED_USERS, undefined, { search: term });
  const [only] = page.items;
  if (!only) return `No user matches “${term}”.`;
  if (page.items.length === 1 && !page.nextCursor) return `Found ${describe(only)}.`;
  const names = page.items.map(nameOf).join(", ");
  return page.nextCursor
    ? `The first ${page.items.length} users matching “${term}”: ${names}. Search “${term}” above the table for the rest.`
    : `Users matching “${term}”: ${names}.`;
}

/** "ann.j (Ann Johnson)": a search by name needs the name to tell who was found. */
const nameOf = (user: User) => (user.displayName ? `${user.username} (${user.displayName})` : user.username);

function failure(intentName: string, username: string, error: unknown): string {
  const target = intentName === "ListUsers" || intentName === "FindUsers" ? "" : ` ${username}`;
  const action = `Could not ${ACTIONS[intentName]}${target}`;
  if (!(error instanceof ApiError)) return `${action}: ${String(error)}`;
  const fields = error.problem?.errors?.map(({ field, message }) => `${field} ${message}`);
  return `${action}: ${fields?.length ? `${fields.join("; ")}.` : error.message}`;
}
