// Cold start of each handler bundle against its floors, run by run: the empty handler (Node and the module load
// alone) and, for the Users API, one GetItem with the same bundled SDK (what any function reading the table pays).
import { join } from "node:path";
import { buildSync } from "esbuild";
import type { JwtAuthorizerContext } from "../sandbox/api-gateway/jwt-authorizer";
import { CHATBOT_API_ROUTES } from "../usermanagement/chatbot-api/nlp/runtime/routes";
import { READ_SCOPE } from "../usermanagement/shared/runtime/access";
import { USERS_API_ROUTES } from "../usermanagement/users-api/api/runtime/routes";
import type { BundlesResult, LambdaName } from "./bundles";
import type { ColdStartInput } from "./cold-start-child";
import { pairedRatios, runChild, type Summary, summarize } from "./measure";

export const COLD_START_TARGET_RATIO = 1.3;

/** A read-scoped machine client's access token, as API Gateway's authorizer renders it: the handlers take no other. */
const READER: JwtAuthorizerContext = {
  jwt: {
    claims: { token_use: "access", client_id: "bench", sub: "bench", scope: READ_SCOPE },
    scopes: [READ_SCOPE],
  },
};

const USERS_READ = {
  routes: USERS_API_ROUTES,
  request: { method: "GET", url: "/api/users/nobody-here" },
  authorizer: READER,
};
const CHAT = {
  routes: CHATBOT_API_ROUTES,
  request: {
    method: "POST",
    url: "/api/chat",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ sessionId: "bench-session", text: "what is alice's email?" }),
  },
  authorizer: READER,
};

export type ColdStartSubject = "usersApi" | "usersApiRuntimeSdk" | "chatbotApi";

export interface ColdStart {
  readonly totalMs: Summary;
  readonly emptyMs: Summary;
  /** Total ÷ the empty handler's, run by run. */
  readonly vsEmpty: Summary;
  /** The GetItem handler's, and total ÷ it run by run (the target's ratio), for a handler that reads the table. */
  readonly getItem?: { readonly totalMs: Summary; readonly ratio: Summary };
  readonly status: number;
}

/** `env` points the bundles at the sandbox's DynamoDB Local and table, as Lambda's environment would. */
export async function measureColdStarts(
  bundles: BundlesResult,
  runs: number,
  workDir: string,
  env: NodeJS.ProcessEnv,
): Promise<Record<ColdStartSubject, ColdStart>> {
  const runner = join(workDir, "cold-start-child.mjs");
  buildSync({
    entryPoints: [new URL("./cold-start-child.ts", import.meta.url).pathname],
    outfile: runner,
    bundle: true,
    platform: "node",
    format: "esm",
    logLevel: "silent",
  });
  const once = async (name: LambdaName, subject: typeof USERS_READ) => {
    const input: ColdStartInput = { bundle: bundles.lambdas[name].path, ...subject };
    // As in Lambda, where the function's NODE_OPTIONS is --enable-source-maps.
    const { lastLine } = await runChild(
      process.execPath,
      ["--enable-source-maps", runner, JSON.stringify(input)],
      30_000,
      env,
    );
    return JSON.parse(lastLine) as { totalMs: number; status: number };
  };
  const measure = async (name: ColdStartSubject, subject: typeof USERS_READ): Promise<ColdStart> => {
    const [total, empty, getItem]: number[][] = [[], [], []];
    const readsTable = name !== "chatbotApi";
    let status = 0;
    for (let run = 0; run < runs; run++) {
      const answer = await once(name, subject);
      status = answer.status;
      total.push(answer.totalMs);
      empty.push((await once("emptyHandler", subject)).totalMs);
      if (readsTable) getItem.push((await once("getItemHandler", subject)).totalMs);
    }
    return {
      totalMs: summarize(total),
      emptyMs: summarize(empty),
      vsEmpty: pairedRatios(total, empty),
      getItem: readsTable ? { totalMs: summarize(getItem), ratio: pairedRatios(total, getItem) } : undefined,
      status,
    };
  };
  return {
    usersApi: await measure("usersApi", USERS_READ),
    usersApiRuntimeSdk: await measure("usersApiRuntimeSdk", USERS_READ),
    chatbotApi: await measure("chatbotApi", CHAT),
  };
}
