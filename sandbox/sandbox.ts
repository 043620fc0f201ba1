// The whole workload on one machine, run from its cloud assembly: the stacks "deployed" as CloudFormation would
// (cloudformation/), their tables in DynamoDB Local, their functions' bundles in the Lambda service, their HTTP
// APIs in the sandbox's API Gateway, the site's deployment in its S3 and the distribution in front of it all,
// with the sandbox's OpenID issuer standing in for the user pool.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { MAX_REQUEST_BYTES } from "./api-gateway/http-api";
import type { PlainRequest, PlainResponse } from "./api-gateway/payload-v2";
import { cachedSandboxAssembly } from "./cloudformation/assembly-cache";
import { readCloudAssembly } from "./cloudformation/cloud-assembly";
import { type Deployment, deploy, SANDBOX_ENVIRONMENT } from "./cloudformation/deployment";
import { createTablesAt } from "./cloudformation/resources/dynamodb-table";
import { appClientScopes } from "./cloudformation/resources/user-pool";
import type { Distribution } from "./cloudfront/distribution";
import { type SandboxDynamoDB, startSandboxDynamoDB } from "./dynamodb/sandbox-dynamodb";
import { sandboxClients } from "./issuer/accounts";
import { type RunningIssuer, startIssuer } from "./issuer/issuer";
import { type RunningDeployment, type RunOptions, runDeployment } from "./run-deployment";
import { SandboxStartError } from "./start-error";

export interface SandboxOptions {
  /** @default 3000 */
  readonly port?: number;
  /** @default "127.0.0.1" - only this machine can reach the sandbox */
  readonly host?: string;
  /**
   * The cloud assembly to run: its directory, or a promise of one (e.g. a test app being synthesized).
   * @default the sandbox app's, synthesized afresh or taken from the cache (cloudformation/assembly-cache.ts)
   */
  readonly assembly?: string | Promise<string>;
  /** Sees every event an integration is invoked with, e.g. for a test to validate it. @default - none */
  readonly onApiEvent?: (event: APIGatewayProxyEventV2) => void;
  /** The OpenID issuer's port. @default 0, any free port */
  readonly issuerPort?: number;
  /** Lifetime of the issuer's access tokens, short for a test of expiry. @default 3600 */
  readonly accessTokenTtlSeconds?: number;
  /** Where the lines saying what the sandbox does not run go, one at a time. @default console.log */
  readonly report?: (line: string) => void;
  /** Receives every log line of every function. @default - written to stdout */
  readonly functionLogs?: RunOptions["functionLogs"];
}

export interface RunningSandbox {
  readonly url: string;
  /** DynamoDB Local itself (not the IAM-enforcing endpoint the functions call), for setting data up and looking at it. */
  readonly dynamoDBEndpoint: string;
  /** The OpenID issuer the SPA and the APIs trust. */
  readonly issuerUrl: string;
  /** The stacks as the sandbox deployed them: each resource's physical id and resolved properties. */
  readonly deployment: Deployment;
  stop(): Promise<void>;
}

/** A port the sandbox wanted is taken by another process. */
export class PortInUseError extends SandboxStartError {
  override name = "PortInUseError";
}

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
  const running: { database?: SandboxDynamoDB; issuer?: RunningIssuer; deployment?: RunningDeployment } = {};
  const stop = () => stopAll(server, running);
  try {
    // DynamoDB Local's JVM and the assembly (synthesized in a child process when the cache has none, then
    // deployed) start together; the issuer starts as soon as the templates are there, and the tables once both
    // DynamoDB and the templates are; whichever fails, the others are stopped.
    const assembly = Promise.resolve(options.assembly ?? cachedSandboxAssembly());
    // The account and region the policies' ARNs name: those of the environment-agnostic sandbox stacks.
    const databaseStarted = startSandboxDynamoDB(SANDBOX_ENVIRONMENT);
    const deploying = assembly.then((directory) => deploy(readCloudAssembly(directory)));
    const [database, issuer, deployed] = await settled(
      [
        databaseStarted,
        // The issuer's clients are allowed what the templates' app clients are.
        deploying.then((deployment) =>
          startIssuer({
            clients: sandboxClients(url, appClientScopes(deployment)),
            port: options.issuerPort,
            accessTokenTtlSeconds: options.accessTokenTtlSeconds,
          }),
        ),
        deploying,
        Promise.all([databaseStarted, deploying]).then(([{ localEndpoint }, deployment]) =>
          createTablesAt(localEndpoint, deployment.resourcesOfType("AWS::DynamoDB::Table")),
        ),
      ] as const,
      running,
    );
    running.deployment = await runDeployment(deployed, { dynamoDB: database, issuer }, options);
    const report = options.report ?? console.log;
    report("Not run as the templates declare them (→ what stands in):");
    for (const line of running.deployment.notRun) report(`  ${line}`);
    distribution = running.deployment.distribution;
    return {
      url,
      dynamoDBEndpoint: database.localEndpoint,
      issuerUrl: issuer.url,
      deployment: running.deployment.deployment,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * Waits for every start, recording each that succeeds in `running` so that it is stopped when another fails.
 */
async function settled(
  starts: readonly [Promise<SandboxDynamoDB>, Promise<RunningIssuer>, Promise<Deployment>, Promise<void>],
  running: { database?: SandboxDynamoDB; issuer?: RunningIssuer },
): Promise<[SandboxDynamoDB, RunningIssuer, Deployment]> {
  const [database, issuer, deployment, tables] = await Promise.allSettled(starts);
  if (database.status === "fulfilled") running.database = database.value;
  if (issuer.status === "fulfilled") running.issuer = issuer.value;
  for (const result of [database, issuer, deployment, tables]) {
    if (result.status === "rejected") throw result.reason;
  }
  return [
    (database as PromiseFulfilledResult<SandboxDynamoDB>).value,
    (issuer as PromiseFulfilledResult<RunningIssuer>).value,
    (deployment as PromiseFulfilledResult<Deployment>).value,
  ];
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
  running: { database?: SandboxDynamoDB; issuer?: RunningIssuer; deployment?: RunningDeployment },
): Promise<void> {
  if (server.listening) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  await running.deployment?.stop();
  await running.issuer?.stop();
  await running.database?.stop();
}
