// The Chatbot API over HTTP: validate the request at the edge, run one chat turn, answer in Lex's shape.
// `handler.ts` binds it to Lambda; the sandbox and the tests call the same function.
import { Logger } from "@aws-lambda-powertools/logger";
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { accessOf } from "../../../shared/runtime/access";
import {
  createApiRouter,
  type HttpApiLambdaHandler,
  httpApiHandler,
  toRouterPath,
} from "../../../shared/runtime/api-router";
import { readJsonBody } from "../../../shared/runtime/json-body";
import { validationProblem } from "../../../shared/runtime/problem-details";
import { parseChatRequest } from "./chat-request";
import { converse } from "./converse";
import { CHAT, CHATBOT_API_RESOURCES } from "./routes";

export interface ChatbotApiOptions {
  /** @default a Powertools logger for the `chatbot-api` service, level from `POWERTOOLS_LOG_LEVEL` */
  readonly logger?: Logger;
}

export function createChatbotApiHandler(props: ChatbotApiOptions = {}): HttpApiLambdaHandler {
  const logger = props.logger ?? new Logger({ serviceName: "chatbot-api" });
  const router = createApiRouter(logger, CHATBOT_API_RESOURCES);

  router.post(toRouterPath(CHAT.path), async ({ req, event }) => {
    const parsed = parseChatRequest(await readJsonBody(req));
    if (!parsed.success) throw validationProblem(parsed.issues);
    // The caller's groups and scopes, as API Gateway's JWT authorizer verified them: a viewer is told up front
    // that changes need an admin, before any question about one (the Users API refuses them regardless).
    const response = converse(parsed.request, accessOf(event as APIGatewayProxyEventV2));
    // The text is never logged: it holds emails and names. What was understood is enough to follow a dialog.
    logger.info("chat turn", {
      intent: response.sessionState.intent.name,
      intentState: response.sessionState.intent.state,
      dialogAction: response.sessionState.dialogAction.type,
      interpretations: response.interpretations.map(({ intent, nluConfidence }) => ({
        intent: intent.name,
        score: nluConfidence?.score,
      })),
    });
    return Response.json(response);
  });

  return httpApiHandler(router, logger);
}
