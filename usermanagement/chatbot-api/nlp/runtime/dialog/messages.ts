// Everything the bot says. Short and friendly; each names the user it is about so the operator can check.
import { USERNAME_MESSAGE, USERNAME_PREFIX_MESSAGE } from "../../../../shared/runtime/username";
import type { UserIntentName } from "../intents";
import type { SlotValues } from "./slot-values";

const name = (values: SlotValues) => values.username?.interpretedValue ?? "that user";

export const messages = {
  greeting: () =>
    "Hello! I can create, show, update, delete, list and find users. What would you like to do?",
  help: () =>
    'Try: "add user alice with email alice@example.com", "show alice", "change alice\'s email to ' +
    'alice@new.example.com", "rename alice to Alice Liddell", "delete alice", "list users", ' +
    '"find users starting with al" or "who has the email alice@example.com?".',
  fallback: () =>
    'Sorry, I didn\'t understand that. I can create, show, update, delete, list or find users; say "help" for examples.',
  listUsers: () => "Here are all the users.",
  askSearch: () => "What should I search for: the start of a username, or an email address?",
  findingByPrefix: (values: SlotValues) =>
    `Here are the users whose username starts with "${values.prefix?.interpretedValue}".`,
  findingByEmail: (values: SlotValues) => `Looking up who has the email ${values.email?.interpretedValue}.`,

  askUsername: (intent: UserIntentName) =>
    ({
      CreateUser: "What username should the new user have?",
      GetUser: "Which user would you like to see?",
      UpdateUser: "Which user would you like to update?",
      DeleteUser: "Which user would you like to delete?",
    })[intent],
  askEmail: (values: SlotValues) => `What is ${name(values)}'s email address?`,
  askChange: (values: SlotValues) =>
    `What should change for ${name(values)}: the email address or the display name?`,
  invalidUsername: () => `A username ${USERNAME_MESSAGE}.`,
  invalidPrefix: () => `The start of a username ${USERNAME_PREFIX_MESSAGE}.`,
  invalidEmail: () => "That doesn't look like an email address.",
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
