// The Chatbot API component: natural-language understanding of user-management requests, inside one Lambda
// function behind an HTTP API. Small enough to define here; its runtime lives in nlp/runtime.
import * as path from "node:path";
import { CfnOutput, Stack, type StackProps } from "aws-cdk-lib";
import * as logs from "aws-cdk-lib/aws-logs";
import type { Construct } from "constructs";
import { LambdaHttpApi } from "../shared/infrastructure/lambda-http-api";
import { CHATBOT_API_RESOURCES } from "./nlp/runtime/routes";

export interface ChatbotAPIProps extends StackProps {
  /**
   * Concurrent executions reserved for the NLP function.
   * @default - none reserved: the function shares the account's unreserved concurrency
   */
  readonly reservedConcurrency?: number;
  /**
   * Production posture: retain the logs and keep them longer.
   * @default false - a sandbox: logs are deleted with the stack
   */
  readonly production?: boolean;
}

export class ChatbotAPI extends Stack {
  /** Base URL of the Chatbot API (ends in `/`); the chat is at `api/chat`. */
  readonly apiEndpoint: string;
  /** The output holding `apiEndpoint`, for consumers outside CloudFormation (the pipeline's smoke test). */
  readonly apiEndpointOutput: CfnOutput;

  constructor(scope: Construct, id: string, props: ChatbotAPIProps = {}) {
    super(scope, id, props);
    const production = props.production ?? false;

    const nlp = new LambdaHttpApi(this, "NLP", {
      entry: path.join(import.meta.dirname, "nlp", "runtime", "handler.ts"),
      resources: CHATBOT_API_RESOURCES,
      reservedConcurrency: props.reservedConcurrency,
      // The model is a few kilobytes and the work is CPU-bound: more memory buys a faster CPU share.
      memorySize: 512,
      environment: { POWERTOOLS_SERVICE_NAME: "chatbot-api", POWERTOOLS_LOG_LEVEL: "INFO" },
      logRetention: production ? logs.RetentionDays.ONE_YEAR : logs.RetentionDays.ONE_WEEK,
      retainLogs: production,
    });

    this.apiEndpoint = nlp.url;
    this.apiEndpointOutput = new CfnOutput(this, "APIEndpoint", {
      value: nlp.url,
      description: "Base URL of the Chatbot API",
    });
  }
}
