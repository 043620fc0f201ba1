// What a slot value must look like, for values the engine extracts and values a client sends back alike.
// The username and prefix rules and their messages are the Users API's own, from the shared module.
import { CONTROL_CHARACTERS, hasFormatCharacters } from "../../../shared/runtime/control-characters";
import {
  USERNAME_MESSAGE,
  USERNAME_PREFIX_MESSAGE,
  USERNAME_PREFIX_PATTERN,
} from "../../../shared/runtime/username";
import { EMAIL_PATTERN, type SlotName, USERNAME_PATTERN } from "./intents";

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
    test: (value) =>
      value.trim().length > 0 &&
      value.length <= 100 &&
      !CONTROL_CHARACTERS.test(value) &&
      !hasFormatCharacters(value),
    message: "must be 1–100 characters without control or invisible format characters",
  },
  prefix: {
    test: (value) => USERNAME_PREFIX_PATTERN.test(value),
    message: USERNAME_PREFIX_MESSAGE,
  },
};

export const isValidSlotValue = (slot: SlotName, interpretedValue: string) =>
  SLOT_RULES[slot].test(interpretedValue);
