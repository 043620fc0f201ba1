// The Chatbot API as the SPA sees it (issue 3 §2): POST /api/chat answers in Amazon Lex V2 RecognizeText's shape.
import { callApi } from "./api-request";

/** A Lex V2 slot: `null` until filled. */
export type Slot = {
  readonly value: {
    readonly originalValue: string;
    readonly interpretedValue: string;
    readonly resolvedValues?: readonly string[];
  };
} | null;

export interface Intent {
  readonly name: string;
  readonly slots: Readonly<Record<string, Slot | undefined>>;
  readonly state: string;
  readonly confirmationState?: string;
}

/** Kept by the client and sent back with the next message: the server holds no dialog state. */
export interface SessionState {
  readonly dialogAction?: { readonly type: string; readonly slotToElicit?: string };
  readonly intent?: Intent;
  readonly sessionAttributes?: Readonly<Record<string, string>>;
}

export interface ChatReply {
  readonly sessionId: string;
  readonly sessionState: SessionState;
  readonly messages?: readonly { readonly contentType: string; readonly content: string }[];
}

export interface ChatRequest {
  readonly sessionId: string;
  readonly text: string;
  readonly sessionState?: SessionState;
}

export async function sendChatMessage(request: ChatRequest): Promise<ChatReply> {
  const init = {
    method: "POST",
    body: JSON.stringify(request),
    headers: { "content-type": "application/json" },
  };
  return (await callApi<ChatReply>("Chatbot API", "/api/chat", init)).body;
}

/** The interpreted value of a filled slot. */
export function slotValue(intent: Intent, name: string): string | undefined {
  return intent.slots[name]?.value.interpretedValue;
}
