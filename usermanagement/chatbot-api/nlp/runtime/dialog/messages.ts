// Everything the bot says. Short and friendly; each names the user it is about so the operator can check, and
// anything the bot could not use is said back rather than dropped.
import { USERNAME_MESSAGE } from "../../../../shared/runtime/username";
import type { IntentName, SlotName, UserIntentName } from "../intents";
import { SLOT_RULES } from "../slot-rules";
import type { SlotValues } from "./slot-values";

const name = (values: SlotValues) => values.username?.interpretedValue ?? "that user";
const quote = (text: string) => `“${text}”`;
/** "alice", "alice or bob", "alice, bob or carol". */
const either = (items: readonly string[]) =>
  items.length < 2 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} or ${items.at(-1)}`;

const CAPABILITIES =
  "I can create users, show them, change their email or display name, delete them, and list or find them";

/** The verb of each intent about one user. */
const VERBS: Readonly<Record<UserIntentName, string>> = {
  CreateUser: "create",
  GetUser: "see",
  UpdateUser: "change",
  DeleteUser: "delete",
};

const onUser = (intent: UserIntentName) => (values: SlotValues) =>
  `${VERBS[intent]} ${values.username ? `user ${name(values)}` : "a user"}`;

/** What each intent would do, for a question that names two: "delete alice" or "see alice"? */
const INTENT_PHRASES: Readonly<Record<IntentName, (values: SlotValues) => string>> = {
  CreateUser: onUser("CreateUser"),
  GetUser: onUser("GetUser"),
  UpdateUser: onUser("UpdateUser"),
  DeleteUser: onUser("DeleteUser"),
  ListUsers: () => "list all users",
  FindUsers: (values) =>
    values.searchTerm ? `search for ${quote(values.searchTerm.interpretedValue)}` : "search for users",
  Help: () => "see what I can do",
  Greeting: () => "say hello",
  FallbackIntent: () => "something else",
};

const SLOT_NOUNS: Readonly<Record<SlotName, string>> = {
  username: "username",
  email: "email address",
  displayName: "display name",
  searchTerm: "search",
};

export const messages = {
  greeting: () =>
    "Hello! I can create, show, update, delete, list and find users. What would you like to do?",
  help: () =>
    'Try: "add user alice with email alice@example.com", "show alice", "change alice\'s email to ' +
    'alice@new.example.com", "rename alice to Alice Liddell", "delete alice", "list users", ' +
    '"find Zoë" or "who has the email alice@example.com?".',
  fallback: () => `Sorry, I didn't understand that. ${CAPABILITIES}; say "help" for examples.`,
  rephrase: () =>
    `Sorry, I'm not sure what you'd like me to do. Could you say it another way? ${CAPABILITIES}.`,
  clarify: (candidates: readonly IntentName[], values: SlotValues) =>
    `Just to be sure: do you want to ${either(candidates.map((intent) => INTENT_PHRASES[intent](values)))}?`,
  unsupported: (words: readonly string[]) =>
    `I can't do that: I don't know what ${quote(words.join(" "))} means here, so I did nothing. ${CAPABILITIES}.`,
  oneAtATime: (intent: UserIntentName) =>
    `I can't ${VERBS[intent]} several users at once, so I did nothing: I handle one user at a time, named by username.`,
  whichFirst: (usernames: readonly string[]) =>
    `I handle one user at a time, so I haven't done anything yet: which first, ${either(usernames)}?`,
  viewerCannotChange: () =>
    "You are signed in as a viewer, so I can't create, change or delete users: only admins can. I can show, list and find users for you.",
  leftOut: (words: readonly string[]) =>
    `(I left out ${quote(words.join(" "))}: I don't know what it means here.)`,

  listUsers: () => "Here are all the users.",
  askSearch: () => "What should I search for? A name, the start of a username or an email address.",
  searching: (values: SlotValues) => `Searching for ${quote(values.searchTerm?.interpretedValue ?? "")}.`,

  askUsername: (intent: UserIntentName) =>
    ({
      CreateUser: "What username should the new user have?",
      GetUser: "Which user would you like to see?",
      UpdateUser: "Which user would you like to update?",
      DeleteUser: "Which user would you like to delete?",
    })[intent],
  askEmail: (values: SlotValues) => `What is ${name(values)}'s email address?`,
  askDisplayName: (values: SlotValues) => `What should ${name(values)}'s display name be?`,
  askChange: (values: SlotValues) =>
    `What should change for ${name(values)}: the email address or the display name?`,
  invalidUsername: () => `A username ${USERNAME_MESSAGE}.`,
  invalidValue: (slot: SlotName, typed: string) =>
    `I couldn't use ${quote(typed)} as the ${SLOT_NOUNS[slot]}: it ${SLOT_RULES[slot].message}.`,
  notUnderstood: () => "Sorry, I didn't catch that.",

  confirmDelete: (values: SlotValues) => `Delete user ${name(values)}? This cannot be undone. (yes/no)`,
  confirmAgain: (values: SlotValues) => `Please answer yes or no: delete user ${name(values)}?`,
  deleting: (values: SlotValues) => `OK, deleting user ${name(values)}.`,
  notDeleting: (values: SlotValues) => `OK, I won't delete ${name(values)}.`,
  stillUnclear: (values: SlotValues) =>
    `I couldn't tell whether that was a yes, so I won't delete ${name(values)}. Ask again to delete it.`,
  cancelled: () => "OK, cancelled.",

  creating: (values: SlotValues) =>
    `Creating user ${name(values)} with email ${values.email?.interpretedValue}` +
    (values.displayName ? ` and display name "${values.displayName.interpretedValue}".` : "."),
  showing: (values: SlotValues) => `Here is user ${name(values)}.`,
  updating: (values: SlotValues) => {
    const changes = [
      values.email && `email to ${values.email.interpretedValue}`,
      values.displayName && `display name to "${values.displayName.interpretedValue}"`,
    ].filter(Boolean);
    return `Updating user ${name(values)}: ${changes.join(" and ")}.`;
  },
};
