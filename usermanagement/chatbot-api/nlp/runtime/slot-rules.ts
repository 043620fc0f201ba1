// What a slot value must look like, for values the engine extracts and values a client sends back alike.
import { EMAIL_PATTERN, type SlotName, USERNAME_PATTERN } from "./intents";

const CONTROL_CHARACTERS = /\p{Cc}/u;

export const SLOT_RULES: Readonly<Record<SlotName, { test: (value: string) => boolean; message: string }>> = {
  username: {
    test: (value) => USERNAME_PATTERN.test(value),
    message: "must be 3–32 characters of a-z, 0-9, '.', '_' or '-', starting with a letter or digit",
  },
  email: {
    test: (value) => value.length <= 254 && EMAIL_PATTERN.test(value),
    message: "must be an email address",
  },
  displayName: {
    test: (value) => value.trim().length > 0 && value.length <= 100 && !CONTROL_CHARACTERS.test(value),
    message: "must be 1–100 characters without control characters",
  },
};

export const isValidSlotValue = (slot: SlotName, interpretedValue: string) =>
  SLOT_RULES[slot].test(interpretedValue);
