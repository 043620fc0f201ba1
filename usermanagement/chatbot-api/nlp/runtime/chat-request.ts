// Validates a chat request at the edge, including the session state the client sends back: the server
// keeps no dialog state, so a tampered state must be refused here rather than trusted by the dialog.
// Written by hand rather than with zod: even zod/mini adds 24 KB to a bundle that must stay within 120 KB,
// for a handful of checks. Issues keep zod's shape so the shared problem-details mapping renders them.
import type { z } from "zod";
import {
  type ChatRequest,
  CONFIRMATION_STATES,
  DIALOG_ACTION_TYPES,
  INTENT_STATES,
  type IncomingSessionState,
  type IncomingSlotValue,
} from "./chat-contract";
import { INTENT_NAMES, INTENT_SLOTS, SLOT_NAMES, type SlotName } from "./intents";
import { isValidSlotValue, SLOT_RULES } from "./slot-rules";

export const MAX_TEXT_LENGTH = 1024;
/** Lex's rule for session ids: 2–100 characters of letters, digits, '.', '_', ':' and '-'. */
const SESSION_ID_PATTERN = /^[0-9a-zA-Z._:-]{2,100}$/;
const REQUEST_FIELDS = new Set(["sessionId", "text", "sessionState", "requestAttributes"]);

export type ParsedChatRequest =
  | { readonly success: true; readonly request: ChatRequest }
  | { readonly success: false; readonly issues: readonly z.core.$ZodIssue[] };

type Path = readonly (string | number)[];
type JsonObject = Readonly<Record<string, unknown>>;

/** Collects one issue per offending field while the request is read. */
class Issues {
  readonly list: z.core.$ZodIssue[] = [];
  add(path: Path, message: string): undefined {
    this.list.push({ code: "custom", path: [...path], message, input: undefined });
    return undefined;
  }
}

const isRecord = (value: unknown): value is JsonObject =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** The request, or the issues that make it invalid (one per offending field). */
export function parseChatRequest(body: unknown): ParsedChatRequest {
  const issues = new Issues();
  if (!isRecord(body)) {
    issues.add([], "must be a JSON object");
    return { success: false, issues: issues.list };
  }
  for (const key of Object.keys(body)) {
    if (!REQUEST_FIELDS.has(key)) issues.add([key], "is not a known field");
  }
  const sessionId = readSessionId(body.sessionId, issues);
  const text = readText(body.text, ["text"], MAX_TEXT_LENGTH, issues);
  const sessionState =
    body.sessionState === undefined ? undefined : readSessionState(body.sessionState, issues);
  const requestAttributes =
    body.requestAttributes === undefined
      ? undefined
      : readAttributes(body.requestAttributes, ["requestAttributes"], issues);
  if (issues.list.length > 0 || sessionId === undefined || text === undefined) {
    return { success: false, issues: issues.list };
  }
  return { success: true, request: { sessionId, text, sessionState, requestAttributes } };
}

function readSessionId(value: unknown, issues: Issues): string | undefined {
  const path = ["sessionId"];
  if (value === undefined) return issues.add(path, "is required");
  if (typeof value !== "string") return issues.add(path, "must be a string");
  if (!SESSION_ID_PATTERN.test(value)) {
    return issues.add(path, "must be 2–100 characters of a-z, A-Z, 0-9, '.', '_', ':' or '-'");
  }
  return value;
}

function readText(value: unknown, path: Path, max: number, issues: Issues): string | undefined {
  if (value === undefined) return issues.add(path, "is required");
  if (typeof value !== "string") return issues.add(path, "must be a string");
  if (value.trim() === "") return issues.add(path, "must not be blank");
  if (value.length > max) return issues.add(path, `must be at most ${max} characters`);
  return value;
}

function readOneOf<T extends string>(
  value: unknown,
  allowed: readonly T[],
  path: Path,
  issues: Issues,
): T | undefined {
  if (typeof value === "string" && (allowed as readonly string[]).includes(value)) return value as T;
  return issues.add(path, `must be one of ${allowed.join(", ")}`);
}

function readSessionState(value: unknown, issues: Issues): IncomingSessionState | undefined {
  const path = ["sessionState"];
  if (!isRecord(value)) return issues.add(path, "must be an object");
  const intent =
    value.intent === undefined ? undefined : readIntent(value.intent, [...path, "intent"], issues);
  const dialogAction =
    value.dialogAction === undefined ? undefined : readDialogAction(value.dialogAction, path, issues);
  const sessionAttributes =
    value.sessionAttributes === undefined
      ? undefined
      : readAttributes(value.sessionAttributes, [...path, "sessionAttributes"], issues);

  // The dialog acts on these; a state that could never have come from this API is refused.
  const slotToElicit = dialogAction?.slotToElicit;
  if (slotToElicit && !(intent && INTENT_SLOTS[intent.name].includes(slotToElicit))) {
    issues.add(
      [...path, "dialogAction", "slotToElicit"],
      intent ? `is not a slot of ${intent.name}` : "needs an intent",
    );
  }
  if (dialogAction?.type === "ElicitSlot" && !slotToElicit) {
    issues.add([...path, "dialogAction", "slotToElicit"], "is required to elicit a slot");
  }
  if (dialogAction?.type === "ConfirmIntent" && intent?.name !== "DeleteUser") {
    issues.add([...path, "dialogAction", "type"], "only DeleteUser is ever confirmed");
  } else if (dialogAction?.type === "ConfirmIntent" && !intent?.slots?.username) {
    issues.add([...path, "intent", "slots", "username"], "is required to confirm a deletion");
  }
  return { dialogAction, intent, sessionAttributes };
}

function readDialogAction(
  value: unknown,
  parent: Path,
  issues: Issues,
): IncomingSessionState["dialogAction"] {
  const path = [...parent, "dialogAction"];
  if (!isRecord(value)) return issues.add(path, "must be an object");
  const type = readOneOf(value.type, DIALOG_ACTION_TYPES, [...path, "type"], issues);
  const slotToElicit =
    value.slotToElicit === undefined
      ? undefined
      : readOneOf(value.slotToElicit, SLOT_NAMES, [...path, "slotToElicit"], issues);
  return type && { type, slotToElicit };
}

function readIntent(value: unknown, path: Path, issues: Issues): IncomingSessionState["intent"] {
  if (!isRecord(value)) return issues.add(path, "must be an object");
  const name = readOneOf(value.name, INTENT_NAMES, [...path, "name"], issues);
  const state =
    value.state === undefined ? undefined : readOneOf(value.state, INTENT_STATES, [...path, "state"], issues);
  const confirmationState =
    value.confirmationState === undefined
      ? undefined
      : readOneOf(value.confirmationState, CONFIRMATION_STATES, [...path, "confirmationState"], issues);
  if (!name) return undefined;
  const slots =
    value.slots === undefined
      ? undefined
      : readSlots(value.slots, INTENT_SLOTS[name], [...path, "slots"], issues);
  return { name, slots, state, confirmationState };
}

function readSlots(value: unknown, allowed: readonly SlotName[], path: Path, issues: Issues) {
  if (!isRecord(value)) return issues.add(path, "must be an object");
  const slots: Partial<Record<SlotName, IncomingSlotValue | null>> = {};
  for (const [name, slot] of Object.entries(value)) {
    const slotPath = [...path, name];
    if (!(allowed as readonly string[]).includes(name)) {
      issues.add(slotPath, "is not a slot of this intent");
    } else if (slot === null) {
      slots[name as SlotName] = null;
    } else {
      const read = readSlotValue(slot, name as SlotName, slotPath, issues);
      if (read) slots[name as SlotName] = read;
    }
  }
  return slots;
}

function readSlotValue(
  slot: unknown,
  name: SlotName,
  path: Path,
  issues: Issues,
): IncomingSlotValue | undefined {
  const value = isRecord(slot) ? slot.value : undefined;
  if (!isRecord(value))
    return issues.add(path, "must be null or { value: { originalValue, interpretedValue } }");
  const { originalValue, interpretedValue } = value;
  if (typeof originalValue !== "string")
    return issues.add([...path, "value", "originalValue"], "must be a string");
  if (typeof interpretedValue !== "string" || !isValidSlotValue(name, interpretedValue)) {
    return issues.add([...path, "value", "interpretedValue"], SLOT_RULES[name].message);
  }
  return { value: { originalValue, interpretedValue } };
}

function readAttributes(
  value: unknown,
  path: Path,
  issues: Issues,
): Readonly<Record<string, string>> | undefined {
  if (!isRecord(value)) return issues.add(path, "must be an object");
  for (const [key, attribute] of Object.entries(value)) {
    if (key === "") issues.add(path, "must not have an empty key");
    else if (typeof attribute !== "string") issues.add([...path, key], "must be a string");
  }
  return value as Readonly<Record<string, string>>;
}
