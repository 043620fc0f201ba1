// One turn of the dialog, before it is dressed as a Lex response, and the pieces every turn is built from.
import type { ConfirmationState, DialogAction, IntentState } from "../chat-contract";
import type { IntentName } from "../intents";
import type { IntentScore } from "../nlu/engine";
import { messages } from "./messages";
import type { SlotValues } from "./slot-values";

export interface Turn {
  readonly intent: IntentName;
  readonly values: SlotValues;
  readonly state: IntentState;
  readonly confirmationState: ConfirmationState;
  readonly action: DialogAction;
  readonly message: string;
  /** The intents considered for this turn, best first. */
  readonly ranking: readonly IntentScore[];
  /** The dialog's own session attributes for the next turn (`DIALOG_ATTRIBUTES`); none when it needs none. */
  readonly attributes?: Readonly<Record<string, string>>;
}

/** The parts of a turn on `intent` that don't depend on what the bot does next: it adds action and message. */
export function draft(
  intent: IntentName,
  values: SlotValues,
  ranking: readonly IntentScore[],
): Omit<Turn, "action" | "message"> {
  return { intent, values, state: "InProgress", confirmationState: "None", ranking };
}

/** Ready for the client to fulfil. */
export function close(message: string): Pick<Turn, "state" | "action" | "message"> {
  return { state: "ReadyForFulfillment", action: { type: "Close" }, message };
}

/** Over without anything done. */
export function fail(message: string): Pick<Turn, "state" | "action" | "message"> {
  return { state: "Failed", action: { type: "Close" }, message };
}

/** Not understood, or not something the bot does: FallbackIntent, asking what the user wants (as Lex does). */
export function fallback(ranking: readonly IntentScore[], message = messages.fallback()): Turn {
  return {
    intent: "FallbackIntent",
    values: {},
    state: "Failed",
    confirmationState: "None",
    action: { type: "ElicitIntent" },
    message,
    ranking,
  };
}
