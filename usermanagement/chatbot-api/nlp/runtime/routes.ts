// The Chatbot API's one route: the HTTP API's route table (CDK) and the handler's router are built from it.
import type { ApiResource } from "../../../shared/runtime/api-router";

/** Under `/api`, the prefix CloudFront and the local sandbox route to this API. */
export const CHAT: ApiResource = { path: "/api/chat", methods: ["POST"] };

export const CHATBOT_API_RESOURCES = [CHAT] as const;
