// The Chatbot API's one route: the HTTP API's route table (CDK), the distribution's behaviour, the handler's
// router and the sandbox are all built from it.
import type { ApiResource } from "../../../shared/runtime/api-router";
import type { HttpApiRoutes } from "../../../shared/runtime/http-api-routes";

export const CHAT: ApiResource = { path: "/api/chat", methods: ["POST"] };

/** Under `/api/chat`, so the distribution forwards paths unchanged. */
export const CHATBOT_API_ROUTES: HttpApiRoutes = { pathPattern: "/api/chat*", resources: [CHAT] };

export const CHATBOT_API_RESOURCES = CHATBOT_API_ROUTES.resources;
