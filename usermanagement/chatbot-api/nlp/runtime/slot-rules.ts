// What a slot value must look like, for values the engine extracts and values a client sends back alike.
// The username rule and its message are the Users API's own, from the shared module.
import { CONTROL_CHARACTERS } from "../../../shared/runtime/control-characters";
import { USERNAME_MESSAGE } from "../../../shared/runtime/username";
import { EMAIL_PATTERN, type SlotName, USERNAME_PATTERN } from "./intents";

/**
 * The Users API's search finds nothing longer than the longest email address (RFC 5321: 254 characters); the API
 * judges the term itself (`users-api/api/runtime/user-query.ts`), after folding it, so this is the coarse bound
 * a chat slot is held to.
 */
const MAX_SEARCH_TERM_LENGTH = 254;

export const SLOT_RULES: Readonly<Record<SlotName, { test: (value: string) => boolean; message: string }>> = {
  username: {
    test: (value) => USERNAME_PATTERN.test(value),
    message: USERNAME_MESSAGE,
  },
  email: {
    test: (value) => value.length <= 254 && EMAIL_PATTERN.test(value),
    message: "must be an email address",
  },
  displayName: {
    test: (value) => value.trim().length > 0 && value.length <= 100 && !CONTROL_CHARACTERS.test(value),
    message: "must be 1–100 characters without control characters",
  },
  searchTerm: {
    test: (value) =>
      value.trim().length > 0 && value.length <= MAX_SEARCH_TERM_LENGTH && !CONTROL_CHARACTERS.test(value),
    message: `must be 1–${MAX_SEARCH_TERM_LENGTH} characters without control characters`,
  },
};

export const isValidSlotValue = (slot: SlotName, interpretedValue: string) =>
  SLOT_RULES[slot].test(interpretedValue);
