// The Chatbot API component: natural-language understanding of user-management requests, inside one Lambda
// function behind an HTTP API. Small enough to define here; its runtime lives in nlp/runtime.
import * as path from "node:path";
import { CfnOutput, Stack, type StackProps } from "aws-cdk-lib";
import type { Construct } from "constructs";
import { LambdaHttpApi } from "../shared/infrastructure/lambda-http-api";
import { type Retention, SANDBOX_RETENTION } from "../shared/infrastructure/retention";
import type { JwtAuthorizerRules } from "../shared/jwt-authorizer-rules";
import { CHATBOT_API_ROUTES } from "./nlp/runtime/routes";

export interface ChatbotAPIProps extends StackProps {
  /** Tokens every route requires: the Users API stack's user pool issues them. */
  readonly authorizer: JwtAuthorizerRules;
  /**
   * Concurrent executions reserved for the NLP function.
   * @default - none reserved: the function shares the account's unreserved concurrency
   */
  readonly chatbotApiReservedConcurrency?: number;
  /**
   * How long logs are kept, and whether they outlive the stack.
   * @default SANDBOX_RETENTION - logs are deleted with the stack
   */
  readonly retention?: Retention;
}

export class ChatbotAPI extends Stack {
  /** Base URL of the Chatbot API (ends in `/`); the chat is at `api/chat`. */
  readonly apiEndpoint: string;
  /** Changes whenever the HTTP API could be replaced (a new endpoint): see LambdaHttpApi.urlFingerprint. */
  readonly apiEndpointFingerprint: string;
  /** The output holding `apiEndpoint`, for consumers outside CloudFormation (the pipeline's smoke test). */
  readonly apiEndpointOutput: CfnOutput;

  constructor(scope: Construct, id: string, props: ChatbotAPIProps) {
    super(scope, id, props);
    const retention = props.retention ?? SANDBOX_RETENTION;

    const nlp = new LambdaHttpApi(this, "NLP", {
      entry: path.join(import.meta.dirname, "nlp", "runtime", "handler.ts"),
      routes: CHATBOT_API_ROUTES,
      authorizer: props.authorizer,
      reservedConcurrency: props.chatbotApiReservedConcurrency,
      // The model is a few kilobytes and the work is CPU-bound: more memory buys a faster CPU share.
      memorySize: 512,
      environment: { POWERTOOLS_SERVICE_NAME: "chatbot-api", POWERTOOLS_LOG_LEVEL: "INFO" },
      retention,
    });

    this.apiEndpoint = nlp.url;
    this.apiEndpointFingerprint = nlp.urlFingerprint;
    this.apiEndpointOutput = new CfnOutput(this, "APIEndpoint", {
      value: nlp.url,
      description: "Base URL of the Chatbot API",
    });
  }
}
