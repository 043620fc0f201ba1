// The whole workload on one machine: DynamoDB Local, a real OpenID issuer, the real Lambda handlers behind the
// sandbox's API Gateway, and the Users UI's distribution (its behaviours, its viewer-request function, its S3
// origin) in front of them.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CreateTableCommand } from "@aws-sdk/client-dynamodb";
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { createTableInput } from "../usermanagement/users-api/database/table-schema";
import { securityHeaders } from "../usermanagement/users-ui/cdn/security-headers";
import { buildSpa } from "../usermanagement/users-ui/spa/build";
import { SPA_CONFIG_PATH, type SpaConfig } from "../usermanagement/users-ui/spa/config";
import {
  authorizedHttpApi,
  invokeHttpApi,
  type LocalHttpApi,
  MAX_REQUEST_BYTES,
} from "./api-gateway/http-api";
import { createJwtAuthorizer } from "./api-gateway/jwt-authorizer";
import type { PlainRequest, PlainResponse } from "./api-gateway/payload-v2";
import { loadSandboxApis } from "./apis";
import { type Distribution, sandboxDistribution } from "./cloudfront/distribution";
import { s3Origin } from "./cloudfront/s3-origin";
import { loadViewerRequestFunction } from "./cloudfront/viewer-request";
import {
  type DynamoDBLocal,
  LOCAL_AWS_SETTINGS,
  localDynamoDBClient,
  startDynamoDBLocal,
} from "./dynamodb/dynamodb-local";
import { type RunningIssuer, startIssuer } from "./issuer/issuer";
import { SandboxStartError } from "./start-error";

export interface SandboxOptions {
  /** @default 3000 */
  readonly port?: number;
  /** @default "127.0.0.1" - only this machine can reach the sandbox */
  readonly host?: string;
  /** Level of the handlers' structured logs. @default "WARN" */
  readonly logLevel?: string;
  /** Sees every event a handler is invoked with, e.g. for a test to validate it. @default - none */
  readonly onApiEvent?: (event: APIGatewayProxyEventV2) => void;
  /** The OpenID issuer's port. @default 0, any free port */
  readonly issuerPort?: number;
  /** Lifetime of the issuer's access tokens, short for a test of expiry. @default 3600 */
  readonly accessTokenTtlSeconds?: number;
}

export interface RunningSandbox {
  readonly url: string;
  readonly dynamoDBEndpoint: string;
  /** The OpenID issuer the SPA and the APIs trust. */
  readonly issuerUrl: string;
  stop(): Promise<void>;
}

/** A port the sandbox wanted is taken by another process. */
export class PortInUseError extends SandboxStartError {
  override name = "PortInUseError";
}

const USERS_TABLE_NAME = "Users";
/** Seconds a client should wait before asking a starting sandbox again. */
const STARTING_RETRY_AFTER = "1";

export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  // Bind the port first: a taken port fails in milliseconds, before Java starts. Until everything is up, every
  // request, an API's included, gets 503 with Retry-After, so a script polling for readiness is never fooled.
  let distribution: Distribution | undefined;
  const server = createServer((req, res) => {
    if (!distribution) {
      starting(res);
      return;
    }
    serve(distribution, req, res).catch((error) => {
      console.error("sandbox: request failed", error);
      if (!res.headersSent) res.writeHead(502, { "content-type": "text/plain" });
      res.end("The sandbox could not complete the request.");
    });
  });
  const host = options.host ?? "127.0.0.1";
  await listen(server, options.port ?? 3000, host);
  const url = `http://${host}:${(server.address() as { port: number }).port}`;
  // The SPA is built afresh on every start, so the sandbox always shows the current source.
  const siteDir = await mkdtemp(join(tmpdir(), "usermanagement-ui-"));
  let database: DynamoDBLocal | undefined;
  let issuer: RunningIssuer | undefined;
  const stop = () => stopAll(server, database, issuer, siteDir);
  try {
    buildSpa(siteDir);
    database = await startDynamoDBLocal();
    await createUsersTable(database.endpoint);
    issuer = await startIssuer({
      uiUrl: url,
      port: options.issuerPort,
      accessTokenTtlSeconds: options.accessTokenTtlSeconds,
    });
    // The file the UI stack's deployment writes beside index.html in AWS.
    await writeSpaConfig(siteDir, issuer.spaConfig);
    // The handlers read their settings from the environment at import, exactly as in Lambda.
    Object.assign(process.env, LOCAL_AWS_SETTINGS, {
      AWS_ENDPOINT_URL_DYNAMODB: database.endpoint,
      USERS_TABLE_NAME,
      POWERTOOLS_LOG_LEVEL: options.logLevel ?? "WARN",
    });
    const authorize = createJwtAuthorizer(issuer.rules);
    const apis = (await loadSandboxApis()).map((api) => observed(api, options.onApiEvent));
    distribution = sandboxDistribution({
      apis,
      site: s3Origin(siteDir),
      viewerRequest: loadViewerRequestFunction(),
      responseHeaders: securityHeaders([new URL(issuer.url).origin]),
      invokeApi: (api, request) => invokeHttpApi(authorizedHttpApi(api, authorize), request),
    });
    return { url, dynamoDBEndpoint: database.endpoint, issuerUrl: issuer.url, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

export async function writeSpaConfig(siteDir: string, config: SpaConfig): Promise<void> {
  await writeFile(join(siteDir, SPA_CONFIG_PATH), JSON.stringify(config));
}

function observed(api: LocalHttpApi, onEvent: SandboxOptions["onApiEvent"]): LocalHttpApi {
  if (!onEvent) return api;
  return {
    ...api,
    handler: (event, context) => {
      onEvent(event);
      return api.handler(event, context);
    },
  };
}

function starting(res: ServerResponse): void {
  res.writeHead(503, { "content-type": "text/plain", "retry-after": STARTING_RETRY_AFTER });
  res.end("The sandbox is starting.");
}

async function serve(distribution: Distribution, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const request: PlainRequest = {
    method: req.method ?? "GET",
    url: req.url ?? "/",
    // Each repeated header's values apart: joining them is API Gateway's business, and it joins differently.
    headers: req.headersDistinct,
    body: await readBody(req),
    sourceIp: req.socket.remoteAddress,
  };
  send(res, await distribution(request));
}

function send(res: ServerResponse, response: PlainResponse): void {
  const headers: Record<string, string | string[]> = { ...response.headers };
  if (response.cookies.length) headers["set-cookie"] = [...response.cookies];
  headers["content-length"] = String(response.body.byteLength);
  res.writeHead(response.status, headers);
  res.end(response.body);
}

/** The request body, cut one byte past API Gateway's limit so that an oversized one still reads as such. */
async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    if (size > MAX_REQUEST_BYTES) continue;
    chunks.push(chunk);
    size += chunk.byteLength;
  }
  return Buffer.concat(chunks).subarray(0, MAX_REQUEST_BYTES + 1);
}

async function createUsersTable(endpoint: string): Promise<void> {
  const client = localDynamoDBClient(endpoint);
  try {
    await client.send(new CreateTableCommand(createTableInput(USERS_TABLE_NAME)));
  } finally {
    client.destroy();
  }
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) => {
      reject(
        error.code === "EADDRINUSE"
          ? new PortInUseError(
              `Port ${port} is already in use: stop what uses it or set PORT to another port.`,
            )
          : error,
      );
    });
    server.listen(port, host, () => resolve());
  });
}

async function stopAll(
  server: Server,
  database: DynamoDBLocal | undefined,
  issuer: RunningIssuer | undefined,
  siteDir: string,
): Promise<void> {
  if (server.listening) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  await issuer?.stop();
  await database?.stop();
  await rm(siteDir, { recursive: true, force: true });
}
