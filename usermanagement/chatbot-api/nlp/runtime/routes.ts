// The Chatbot API's one route: the HTTP API's route table and its authorization scope (CDK), the distribution's
// behaviour, the handler's router and the sandbox are all built from it.
import { READ_SCOPE } from "../../../shared/runtime/access";
import type { ApiResource } from "../../../shared/runtime/api-router";
import type { HttpApiRoutes } from "../../../shared/runtime/http-api-routes";

export const CHAT: ApiResource = { path: "/api/chat", methods: ["POST"] };

/** Under `/api/chat`, so the distribution forwards paths unchanged. */
export const CHATBOT_API_ROUTES: HttpApiRoutes = {
  pathPattern: "/api/chat*",
  resources: [CHAT],
  // A chat turn changes nothing: the change it proposes is made by the SPA through the Users API, which judges
  // it there. Its POST is a read.
  scopes: { POST: READ_SCOPE },
};

export const CHATBOT_API_RESOURCES = CHATBOT_API_ROUTES.resources;
