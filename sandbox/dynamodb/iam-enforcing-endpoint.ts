// An endpoint in front of DynamoDB Local that does what DynamoDB's front end does before it runs a call: knows
// the caller by its access key (and checks its SigV4 signature), maps the call to the IAM authorizations DynamoDB
// checks, evaluates them against the caller's role, and answers a denied call as DynamoDB does. Allowed calls go
// to DynamoDB Local unchanged. Every client a bundle may bring is subject to it: it sits on the wire.
import { randomUUID } from "node:crypto";
import {
  Agent,
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type ServerResponse,
} from "node:http";
import { accessDeniedMessage } from "../iam/policy-evaluation";
import type { RoleSession } from "../iam/role-sessions";
import { isSignedWith, parseSigV4Authorization } from "../iam/sigv4-verification";
import { dynamoDBAuthorizations, type ResourceScope } from "./dynamodb-authorizations";

export interface IamEnforcingEndpointOptions {
  /** DynamoDB Local, where allowed calls go. */
  readonly target: string;
  readonly scope: ResourceScope;
  /** The session an access key was issued to, if it was. */
  readonly sessionOf: (accessKeyId: string) => RoleSession | undefined;
}

export interface IamEnforcingEndpoint {
  readonly endpoint: string;
  stop(): Promise<void>;
}

/** DynamoDB's errors in its JSON protocol: HTTP 400 (500 for its own failures) with `__type` and a message. */
const ERRORS = {
  missingToken: [
    400,
    "com.amazon.coral.service#MissingAuthenticationTokenException",
    "Request is missing Authentication Token",
  ],
  unrecognizedClient: [
    400,
    "com.amazon.coral.service#UnrecognizedClientException",
    "The security token included in the request is invalid.",
  ],
  invalidSignature: [
    400,
    "com.amazon.coral.service#InvalidSignatureException",
    "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.",
  ],
} as const;

export async function startIamEnforcingEndpoint(
  options: IamEnforcingEndpointOptions,
): Promise<IamEnforcingEndpoint> {
  const target = new URL(options.target);
  const agent = new Agent({ keepAlive: true });
  const server = createServer((req, res) => {
    handle(req, res).catch((error) => {
      console.error("sandbox DynamoDB endpoint: a call failed", error);
      if (!res.headersSent)
        sendError(res, 500, "com.amazonaws.dynamodb.v20120810#InternalServerError", (error as Error).message);
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const authorization = parseSigV4Authorization(req.headers.authorization);
    if (!authorization) return sendError(res, ...ERRORS.missingToken);
    const session = options.sessionOf(authorization.accessKeyId);
    // Temporary credentials are only valid with the session token issued with them.
    if (!session || req.headers["x-amz-security-token"] !== session.credentials.sessionToken)
      return sendError(res, ...ERRORS.unrecognizedClient);
    const received = { method: req.method ?? "POST", url: req.url ?? "/", headers: req.headers, body };
    if (!(await isSignedWith(received, authorization, session.credentials)))
      return sendError(res, ...ERRORS.invalidSignature);
    const denial = await firstDenial(session, String(req.headers["x-amz-target"] ?? ""), body, options.scope);
    if (denial) return sendError(res, 400, "com.amazon.coral.service#AccessDeniedException", denial);
    forward(req, body, res);
  }

  function forward(req: IncomingMessage, body: Buffer, res: ServerResponse): void {
    const upstream = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
        agent,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.once("error", (error) => {
      if (!res.headersSent)
        sendError(res, 500, "com.amazonaws.dynamodb.v20120810#InternalServerError", error.message);
    });
    upstream.end(body);
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return {
    endpoint: `http://127.0.0.1:${port}`,
    async stop() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      agent.destroy();
    },
  };
}

/** The denial message for the first authorization the caller's role refuses, if any. */
async function firstDenial(
  session: RoleSession,
  target: string,
  body: Buffer,
  scope: ResourceScope,
): Promise<string | undefined> {
  const operation = target.slice(target.indexOf(".") + 1);
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(body.toString("utf8") || "{}");
  } catch {
    // A body DynamoDB cannot read does nothing; DynamoDB Local answers it with its SerializationException.
    return undefined;
  }
  for (const request of dynamoDBAuthorizations(operation, parsed, scope)) {
    const decision = await session.policies.decide(request);
    if (decision !== "Allowed") return accessDeniedMessage(session.principalArn, request, decision);
  }
  return undefined;
}

function sendError(res: ServerResponse, status: number, type: string, message: string): void {
  const body = JSON.stringify({ __type: type, message });
  res.writeHead(status, {
    "content-type": "application/x-amz-json-1.0",
    "content-length": Buffer.byteLength(body),
    "x-amzn-requestid": randomUUID(),
  });
  res.end(body);
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}
