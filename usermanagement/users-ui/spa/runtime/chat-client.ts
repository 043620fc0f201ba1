// The Chatbot API as the SPA sees it: POST /api/chat answers in Amazon Lex V2 RecognizeText's shape. The types
// (and one attribute name) are the Chatbot API's own contract, so a change there breaks this client's typecheck,
// not its users.
import type { ChatRequest, ChatResponse, Intent } from "../../../chatbot-api/nlp/runtime/chat-contract";
import type { SlotName } from "../../../chatbot-api/nlp/runtime/intents";
import { callApi } from "./api-request";

export type {
  ChatRequest,
  ChatResponse,
  Intent,
  SessionState,
} from "../../../chatbot-api/nlp/runtime/chat-contract";
/** The session attribute the bot sets when it asks its yes/no question a second time. */
export { CONFIRMATION_ASKED_AGAIN } from "../../../chatbot-api/nlp/runtime/chat-contract";

export async function sendChatMessage(request: ChatRequest): Promise<ChatResponse> {
  const init = {
    method: "POST",
    body: JSON.stringify(request),
    headers: { "content-type": "application/json" },
  };
  return (await callApi<ChatResponse>("Chatbot API", "/api/chat", init)).body;
}

/** The interpreted value of a filled slot. */
export function slotValue(intent: Intent, name: SlotName): string | undefined {
  return intent.slots[name]?.value.interpretedValue;
}
