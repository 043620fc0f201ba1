// The whole workload on one machine: DynamoDB Local, the real Lambda handlers behind a payload-v2.0 adapter,
// and routing that mirrors the Users UI's CloudFront behaviours (`/api/users*`, `/api/chat*`, else the SPA).
import { mkdtemp, rm } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CreateTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { createTableInput } from "../usermanagement/users-api/database/table-schema";
import { buildSpa } from "../usermanagement/users-ui/spa/build";
import {
  type DynamoDBLocal,
  LOCAL_AWS_SETTINGS,
  SandboxStartError,
  startDynamoDBLocal,
} from "./dynamodb-local";
import { type HttpApiHandler, invokeHttpApi, type PlainResponse } from "./payload-v2";
import { createStaticSite, type StaticSite } from "./static-site";

export interface SandboxOptions {
  /** @default 3000 */
  readonly port?: number;
  /** @default "127.0.0.1" - only this machine can reach the sandbox */
  readonly host?: string;
  /** Level of the handlers' structured logs. @default "WARN" */
  readonly logLevel?: string;
}

export interface RunningSandbox {
  readonly url: string;
  readonly dynamoDBEndpoint: string;
  stop(): Promise<void>;
}

/** API Gateway's own payload limit; the handlers enforce their smaller ones. */
const MAX_REQUEST_BYTES = 10 * 1024 * 1024;
const USERS_TABLE_NAME = "Users";

/** One API behind a path prefix, as the distribution's behaviours route it. */
interface ApiRoute {
  readonly prefix: string;
  readonly functionName: string;
  readonly handler: HttpApiHandler;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  // Bind the port first: a taken port fails in milliseconds, before Java starts. The URL is printed only once
  // `startSandbox` returns; a request that finds the port earlier gets a 503 until the site is built.
  const routes: ApiRoute[] = [];
  let site: StaticSite = async (_req, res) => {
    res.writeHead(503, { "content-type": "text/plain" }).end("The sandbox is starting.");
  };
  const server = createServer((req, res) => {
    serve(routes, site, req, res).catch((error) => {
      console.error("sandbox: request failed", error);
      if (!res.headersSent) res.writeHead(502, { "content-type": "text/plain" });
      res.end("The sandbox could not complete the request.");
    });
  });
  const host = options.host ?? "127.0.0.1";
  await listen(server, options.port ?? 3000, host);
  // The SPA is built afresh on every start, so the sandbox always shows the current source.
  const siteDir = await mkdtemp(join(tmpdir(), "usermanagement-ui-"));
  let database: DynamoDBLocal | undefined;
  try {
    buildSpa(siteDir);
    site = createStaticSite(siteDir);
    database = await startDynamoDBLocal();
    await createUsersTable(database.endpoint);
    // The handlers read their settings from the environment at import, exactly as in Lambda.
    Object.assign(process.env, LOCAL_AWS_SETTINGS, {
      AWS_ENDPOINT_URL_DYNAMODB: database.endpoint,
      USERS_TABLE_NAME,
      POWERTOOLS_LOG_LEVEL: options.logLevel ?? "WARN",
    });
    routes.push(
      {
        prefix: "/api/users",
        functionName: "UsersApi",
        handler: (await import("../usermanagement/users-api/api/runtime/handler")).handler,
      },
      {
        prefix: "/api/chat",
        functionName: "ChatbotApi",
        handler: (await import("../usermanagement/chatbot-api/nlp/runtime/handler")).handler,
      },
    );
    const { port } = server.address() as { port: number };
    const running = database;
    return {
      url: `http://${host}:${port}`,
      dynamoDBEndpoint: running.endpoint,
      stop: () => stopAll(server, running, siteDir),
    };
  } catch (error) {
    await stopAll(server, database, siteDir);
    throw error;
  }
}

async function serve(
  routes: readonly ApiRoute[],
  site: StaticSite,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const path = (req.url ?? "/").split("?")[0];
  const route = routes.find(({ prefix }) => path.startsWith(prefix));
  if (!route) {
    await site(req, res);
    return;
  }
  const body = await readBody(req);
  if (body === undefined) {
    send(res, {
      status: 413,
      headers: { "content-type": "application/json" },
      cookies: [],
      body: Buffer.from('{"message":"Request Entity Too Large"}'),
    });
    return;
  }
  const response = await invokeHttpApi(route.handler, route.functionName, {
    method: req.method ?? "GET",
    url: req.url ?? "/",
    headers: req.headers,
    body,
    sourceIp: req.socket.remoteAddress,
  });
  send(res, response);
}

function send(res: ServerResponse, response: PlainResponse): void {
  const headers: Record<string, string | string[]> = { ...response.headers };
  if (response.cookies.length) headers["set-cookie"] = [...response.cookies];
  headers["content-length"] = String(response.body.byteLength);
  res.writeHead(response.status, headers);
  res.end(response.body);
}

/** The request body, or `undefined` when it exceeds what API Gateway accepts. */
async function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.byteLength;
    if (size > MAX_REQUEST_BYTES) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

async function createUsersTable(endpoint: string): Promise<void> {
  const client = new DynamoDBClient({
    endpoint,
    region: LOCAL_AWS_SETTINGS.AWS_REGION,
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
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
          ? new SandboxStartError(
              `Port ${port} is already in use: stop what uses it or set PORT to another port.`,
            )
          : error,
      );
    });
    server.listen(port, host, () => resolve());
  });
}

async function stopAll(server: Server, database: DynamoDBLocal | undefined, siteDir: string): Promise<void> {
  if (server.listening) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  await database?.stop();
  await rm(siteDir, { recursive: true, force: true });
}
