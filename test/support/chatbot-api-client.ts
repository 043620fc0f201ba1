// Calls the real Chatbot API handler with the API Gateway payload-v2.0 events it gets in AWS.
import { Logger } from "@aws-lambda-powertools/logger";
import { invokeHttpApi, type LocalHttpApi } from "../../sandbox/api-gateway/http-api";
import type { PlainRequest } from "../../sandbox/api-gateway/payload-v2";
import type {
  ChatResponse,
  IncomingSessionState,
  SessionState,
} from "../../usermanagement/chatbot-api/nlp/runtime/chat-contract";
import { createChatbotApiHandler } from "../../usermanagement/chatbot-api/nlp/runtime/chatbot-api";
import { CHATBOT_API_ROUTES } from "../../usermanagement/chatbot-api/nlp/runtime/routes";
import { ADMINS_GROUP } from "../../usermanagement/shared/runtime/access";

const api: LocalHttpApi = {
  routes: CHATBOT_API_ROUTES,
  functionName: "chatbot-api",
  handler: createChatbotApiHandler({
    logger: new Logger({ serviceName: "chatbot-api", logLevel: "SILENT" }),
  }),
};

export interface ApiResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly json: unknown;
}

/** Who calls: the claims API Gateway's JWT authorizer passes on, rendered as it renders a list claim. */
export type Caller = "admin" | "viewer";

const AUTHORIZERS: Record<Caller, object> = {
  admin: { jwt: { claims: { sub: "admin", "cognito:groups": `[${ADMINS_GROUP}]` }, scopes: null } },
  viewer: { jwt: { claims: { sub: "viewer" }, scopes: null } },
};

export async function send(request: PlainRequest, caller: Caller = "admin"): Promise<ApiResponse> {
  const response = await invokeHttpApi(api, request, { authorizer: AUTHORIZERS[caller] });
  const text = response.body.toString("utf8");
  return { status: response.status, headers: response.headers, json: text ? JSON.parse(text) : undefined };
}

const JSON_CONTENT = { "content-type": "application/json" };

/** POSTs a raw body to /api/chat as JSON. */
export function postChat(rawBody: string, headers: Record<string, string> = JSON_CONTENT) {
  return send({ method: "POST", url: "/api/chat", headers, body: rawBody });
}

/** One chat turn that must succeed, by an admin unless `caller` says otherwise; returns the Lex-shaped answer. */
export async function chat(
  text: string,
  sessionState?: IncomingSessionState | SessionState,
  caller: Caller = "admin",
): Promise<ChatResponse> {
  const body = JSON.stringify({ sessionId: "test-session", text, sessionState });
  const response = await send({ method: "POST", url: "/api/chat", headers: JSON_CONTENT, body }, caller);
  if (response.status !== 200)
    throw new Error(`chat "${text}" answered ${response.status}: ${JSON.stringify(response.json)}`);
  return response.json as ChatResponse;
}

/** Several turns, each sending back the session state of the previous answer, as a client does. */
export async function conversation(...texts: string[]): Promise<ChatResponse[]> {
  const answers: ChatResponse[] = [];
  for (const text of texts) answers.push(await chat(text, answers.at(-1)?.sessionState));
  return answers;
}

/** The interpretedValue of every filled slot of the answer's intent. */
export function slotValues(response: ChatResponse): Record<string, string | null> {
  return Object.fromEntries(
    Object.entries(response.sessionState.intent.slots).map(([name, slot]) => [
      name,
      slot?.value.interpretedValue ?? null,
    ]),
  );
}
