// The workload's two HTTP APIs as the sandbox runs them: their declared routes and their real handlers,
// imported only when asked for, because the handlers read their settings from the environment at import.
import { CHATBOT_API_ROUTES } from "../usermanagement/chatbot-api/nlp/runtime/routes";
import type { HttpApiRoutes } from "../usermanagement/shared/runtime/http-api-routes";
import { USERS_API_ROUTES } from "../usermanagement/users-api/api/runtime/routes";
import type { HttpApiHandler, LocalHttpApi } from "./api-gateway/http-api";

export interface SandboxApi {
  readonly routes: HttpApiRoutes;
  readonly functionName: string;
  loadHandler(): Promise<HttpApiHandler>;
}

export const SANDBOX_APIS: readonly SandboxApi[] = [
  {
    routes: USERS_API_ROUTES,
    functionName: "UsersApi",
    loadHandler: async () => (await import("../usermanagement/users-api/api/runtime/handler")).handler,
  },
  {
    routes: CHATBOT_API_ROUTES,
    functionName: "ChatbotApi",
    loadHandler: async () => (await import("../usermanagement/chatbot-api/nlp/runtime/handler")).handler,
  },
];

/** Imports every API's handler. */
export async function loadSandboxApis(): Promise<LocalHttpApi[]> {
  return Promise.all(
    SANDBOX_APIS.map(async ({ routes, functionName, loadHandler }) => ({
      routes,
      functionName,
      handler: await loadHandler(),
    })),
  );
}
