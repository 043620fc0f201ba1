// The Chatbot API's domain entry point, free of HTTP and AWS types: one chat turn in, one Lex-shaped
// answer out. The handler and the tests call `converse`; the evaluation builds its own from other models.
import type { ChatRequest, ChatResponse } from "./chat-contract";
import { type Caller, nextTurn } from "./dialog/dialog";
import { toLexResponse } from "./dialog/lex-response";
import type { Nlu } from "./nlu/engine";
import { bundledNlu } from "./nlu/understand";

export type { Caller } from "./dialog/dialog";

export type Converse = (request: ChatRequest, caller: Caller) => ChatResponse;

export const createConverse =
  (nlu: Nlu): Converse =>
  (request, caller) =>
    toLexResponse(request, nextTurn(request.text, request.sessionState, nlu, caller));

export const converse = createConverse(bundledNlu);
