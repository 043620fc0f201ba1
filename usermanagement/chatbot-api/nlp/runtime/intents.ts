// The intents the Chatbot API understands and the slots each one takes: the contract of issue 3.

export const INTENT_NAMES = [
  "CreateUser",
  "GetUser",
  "UpdateUser",
  "DeleteUser",
  "ListUsers",
  "Help",
  "Greeting",
  "FallbackIntent",
] as const;
export type IntentName = (typeof INTENT_NAMES)[number];

/** The intents about one user, which need its username. */
export type UserIntentName = "CreateUser" | "GetUser" | "UpdateUser" | "DeleteUser";

export const SLOT_NAMES = ["username", "email", "displayName"] as const;
export type SlotName = (typeof SLOT_NAMES)[number];

/** Slots of each intent, in the order missing required ones are asked for. */
export const INTENT_SLOTS: Readonly<Record<IntentName, readonly SlotName[]>> = {
  CreateUser: ["username", "email", "displayName"],
  GetUser: ["username"],
  UpdateUser: ["username", "email", "displayName"],
  DeleteUser: ["username"],
  ListUsers: [],
  Help: [],
  Greeting: [],
  FallbackIntent: [],
};

export const isUserIntent = (name: IntentName): name is UserIntentName =>
  name === "CreateUser" || name === "GetUser" || name === "UpdateUser" || name === "DeleteUser";

export const isIntentName = (name: string): name is IntentName =>
  (INTENT_NAMES as readonly string[]).includes(name);

/** The Users API's username rule, which a username slot must satisfy. */
export { USERNAME_PATTERN } from "../../../shared/runtime/username";

/** A pragmatic address check (the Users API validates strictly): one @, a dotted domain, no spaces. */
export const EMAIL_PATTERN = /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/;
