// Lambda entry point of the Chatbot API. It needs no settings: the NLU model is bundled with the code.
import { createChatbotApiHandler } from "./chatbot-api";

export const handler = createChatbotApiHandler();
