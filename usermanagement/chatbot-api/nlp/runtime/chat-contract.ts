// The shapes of `POST /api/chat`: a request carrying the session state the client got last time, and an
// answer shaped like Amazon Lex V2's RecognizeText response. This is the Chatbot API's contract: clients (the
// SPA) import its types from here and nothing else of the runtime.
// https://docs.aws.amazon.com/lexv2/latest/APIReference/API_runtime_RecognizeText.html
import type { IntentName, SlotName } from "./intents";

export type { IntentName, SlotName };

export const DIALOG_ACTION_TYPES = ["Close", "ConfirmIntent", "ElicitSlot", "ElicitIntent"] as const;
export type DialogActionType = (typeof DIALOG_ACTION_TYPES)[number];

export const INTENT_STATES = ["Failed", "Fulfilled", "InProgress", "ReadyForFulfillment"] as const;
export type IntentState = (typeof INTENT_STATES)[number];

export const CONFIRMATION_STATES = ["Confirmed", "Denied", "None"] as const;
export type ConfirmationState = (typeof CONFIRMATION_STATES)[number];

export interface SlotValue {
  readonly value: {
    /** What the user typed. */
    readonly originalValue: string;
    /** What it means: a lowercase username, a lowercase email address, a tidied display name. */
    readonly interpretedValue: string;
    readonly resolvedValues: readonly string[];
  };
}

/** Every slot of the intent, `null` while unfilled, as Lex does. */
export type Slots = Readonly<Partial<Record<SlotName, SlotValue | null>>>;

export interface Intent {
  readonly name: IntentName;
  readonly slots: Slots;
  readonly state: IntentState;
  readonly confirmationState: ConfirmationState;
}

export interface DialogAction {
  readonly type: DialogActionType;
  readonly slotToElicit?: SlotName;
}

/**
 * The session attribute the bot sets when it asks its yes/no question a second time; a client sends the
 * session state back unchanged, so the bot knows the next unclear answer is the last.
 */
export const CONFIRMATION_ASKED_AGAIN = "confirmationAskedAgain";

/**
 * The session attributes of a clarifying question (`ElicitIntent` about a request that could mean two things):
 * the candidate intents, space-separated, and the request as typed, which the answer completes.
 */
export const CANDIDATE_INTENTS = "candidateIntents";
export const CLARIFIED_TEXT = "clarifiedText";

/** The session attributes the dialog itself sets; it clears them when the question they belong to is over. */
export const DIALOG_ATTRIBUTES = [CONFIRMATION_ASKED_AGAIN, CANDIDATE_INTENTS, CLARIFIED_TEXT] as const;

export interface SessionState {
  readonly dialogAction: DialogAction;
  readonly intent: Intent;
  readonly sessionAttributes: Readonly<Record<string, string>>;
}

export interface Interpretation {
  readonly intent: Intent;
  /** Absent for FallbackIntent, as in Lex: falling back is no classification. */
  readonly nluConfidence?: { readonly score: number };
}

export interface ChatResponse {
  readonly sessionId: string;
  /** The request's attributes, echoed when it had any. */
  readonly requestAttributes?: Readonly<Record<string, string>>;
  readonly sessionState: SessionState;
  /** Up to three, best first. */
  readonly interpretations: readonly Interpretation[];
  readonly messages: readonly { readonly contentType: "PlainText"; readonly content: string }[];
}

/** The session state as a client may send it back: every part optional, validated by `chat-request.ts`. */
export interface IncomingSessionState {
  readonly dialogAction?: DialogAction;
  readonly intent?: {
    readonly name: IntentName;
    readonly slots?: Readonly<Partial<Record<SlotName, IncomingSlotValue | null>>>;
    readonly state?: IntentState;
    readonly confirmationState?: ConfirmationState;
  };
  readonly sessionAttributes?: Readonly<Record<string, string>>;
}

/** A slot as a client sends it back; only the values the dialog reads are required. */
export interface IncomingSlotValue {
  readonly value: { readonly originalValue: string; readonly interpretedValue: string };
}

export interface ChatRequest {
  /** 2–100 characters of a-z, A-Z, 0-9, '.', '_', ':' and '-', as Lex requires. */
  readonly sessionId: string;
  readonly text: string;
  readonly sessionState?: IncomingSessionState;
  /** Information for this request only; echoed in the answer, as Lex does. */
  readonly requestAttributes?: Readonly<Record<string, string>>;
}
