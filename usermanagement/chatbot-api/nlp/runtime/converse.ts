// The Chatbot API's domain entry point, free of HTTP and AWS types: one chat turn in, one Lex-shaped
// answer out. The handler, the evaluation and the tests all call this.
import type { ChatRequest, ChatResponse } from "./chat-contract";
import { nextTurn } from "./dialog/dialog";
import { toLexResponse } from "./dialog/lex-response";

export function converse(request: ChatRequest): ChatResponse {
  return toLexResponse(request, nextTurn(request.text, request.sessionState));
}
