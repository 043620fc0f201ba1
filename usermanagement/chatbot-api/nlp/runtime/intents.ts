// The intents the Chatbot API understands and the slots each one takes: what clients fulfil.

export const INTENT_NAMES = [
  "CreateUser",
  "GetUser",
  "UpdateUser",
  "DeleteUser",
  "ListUsers",
  "FindUsers",
  "Help",
  "Greeting",
  "FallbackIntent",
] as const;
export type IntentName = (typeof INTENT_NAMES)[number];

/** The intents about one user, which need its username. */
export type UserIntentName = "CreateUser" | "GetUser" | "UpdateUser" | "DeleteUser";

/** The intents the bot may ask a slot of. */
export type ElicitingIntentName = UserIntentName | "FindUsers";

export const SLOT_NAMES = ["username", "email", "displayName", "searchTerm"] as const;
export type SlotName = (typeof SLOT_NAMES)[number];

/** Slots of each intent, in the order missing required ones are asked for. */
export const INTENT_SLOTS: Readonly<Record<IntentName, readonly SlotName[]>> = {
  CreateUser: ["username", "email", "displayName"],
  GetUser: ["username"],
  UpdateUser: ["username", "email", "displayName"],
  DeleteUser: ["username"],
  ListUsers: [],
  // What to search for: the start of a display-name word, of a username or of an email address.
  FindUsers: ["searchTerm"],
  Help: [],
  Greeting: [],
  FallbackIntent: [],
};

export const isUserIntent = (name: IntentName): name is UserIntentName =>
  name === "CreateUser" || name === "GetUser" || name === "UpdateUser" || name === "DeleteUser";

export const isElicitingIntent = (name: IntentName): name is ElicitingIntentName =>
  isUserIntent(name) || name === "FindUsers";

export const isIntentName = (name: string): name is IntentName =>
  (INTENT_NAMES as readonly string[]).includes(name);

/** The Users API's username rule, which a username slot must satisfy. */
export { USERNAME_PATTERN } from "../../../shared/runtime/username";

/** A pragmatic address check (the Users API validates strictly): one @, a dotted domain, no spaces. */
export const EMAIL_PATTERN = /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/;
