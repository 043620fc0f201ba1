// The Users API as a function of its settings: parse and validate at the edge, call the store, map results to
// HTTP. `handler.ts` binds it to the Lambda environment; tests bind it to a table of their own.

import type { RequestContext } from "@aws-lambda-powertools/event-handler/types";
import { Logger } from "@aws-lambda-powertools/logger";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type * as z from "zod/mini";
import {
  createApiRouter,
  type HttpApiLambdaHandler,
  httpApiHandler,
  toRouterPath,
} from "../../../shared/runtime/api-router";
import { readJsonBody } from "../../../shared/runtime/json-body";
import { validationProblem } from "../../../shared/runtime/problem-details";
import { writeAccessMiddleware } from "./authorization";
import type { User, UserPage } from "./contract";
import { answerDomainErrors } from "./domain-problems";
import { encodeCursor } from "./list-cursor";
import { USER_ITEM, USERS_API_RESOURCES, USERS_COLLECTION } from "./routes";
import { encodeSearchCursor } from "./search-cursor";
import { createUserSchema, updateUserSchema, usernameSchema } from "./user";
import { UserNotFoundError } from "./user-errors";
import { readUsersQuery } from "./user-query";
import { UserStore } from "./user-store";
import { entityTag, expectedVersions } from "./version-tags";

/** How the Users API runtime is bound to its table (the stack's settings are `UsersAPIProps`). */
export interface UsersApiOptions {
  /** The DynamoDB table holding users and email claims (see `database/table-schema.ts`). */
  readonly tableName: string;
  /** @default a client configured by the environment, as in Lambda */
  readonly dynamoDBClient?: DynamoDBClient;
  /** @default a Powertools logger for the `users-api` service, level from `POWERTOOLS_LOG_LEVEL` */
  readonly logger?: Logger;
}

export function createUsersApiHandler(options: UsersApiOptions): HttpApiLambdaHandler {
  const logger = options.logger ?? new Logger({ serviceName: "users-api" });
  const store = new UserStore({
    client: DynamoDBDocumentClient.from(options.dynamoDBClient ?? new DynamoDBClient({}), {
      marshallOptions: { removeUndefinedValues: true },
    }),
    tableName: options.tableName,
  });
  const router = createApiRouter(logger, USERS_API_RESOURCES);
  router.use(writeAccessMiddleware);

  router.post(toRouterPath(USERS_COLLECTION.path), async ({ req }) => {
    const input = parse(createUserSchema, await readJsonBody(req));
    const user = await store.create(input);
    return userResponse(user, 201, { location: `${USERS_COLLECTION.path}/${user.username}` });
  });

  router.get(toRouterPath(USERS_COLLECTION.path), async ({ req }) => {
    const query = readUsersQuery(new URL(req.url).searchParams);
    if (query.kind === "email") {
      const user = await store.findByEmail(query.email);
      return Response.json({ items: user ? [user] : [], nextCursor: null } satisfies UserPage);
    }
    if (query.kind === "search") {
      const { users, next } = await store.search(query);
      const nextCursor = next ? encodeSearchCursor(query.search, next) : null;
      return Response.json({ items: users, nextCursor } satisfies UserPage);
    }
    const { users, hasMore } = await store.list(query);
    const nextCursor = hasMore ? encodeCursor(users[users.length - 1].username, query.prefix) : null;
    return Response.json({ items: users, nextCursor } satisfies UserPage);
  });

  router.get(toRouterPath(USER_ITEM.path), async (reqCtx) => {
    return userResponse(await store.get(usernameParam(reqCtx)));
  });

  const updateUser = async (reqCtx: RequestContext) => {
    const username = usernameParam(reqCtx);
    const versions = expectedVersions(reqCtx.req.headers.get("if-match"));
    const changes = parse(updateUserSchema, await readJsonBody(reqCtx.req));
    return userResponse(await store.update(username, changes, versions));
  };
  router.patch(toRouterPath(USER_ITEM.path), updateUser);
  router.put(toRouterPath(USER_ITEM.path), updateUser);

  router.delete(toRouterPath(USER_ITEM.path), async (reqCtx) => {
    await store.delete(usernameParam(reqCtx), expectedVersions(reqCtx.req.headers.get("if-match")));
    return new Response(null, { status: 204 });
  });

  answerDomainErrors(router);

  return httpApiHandler(router, logger);
}

function userResponse(user: User, status = 200, headers: Record<string, string> = {}): Response {
  return Response.json(user, { status, headers: { ...headers, etag: entityTag(user.version) } });
}

function usernameParam({ params }: RequestContext): string {
  const result = usernameSchema.safeParse(params.username);
  // A name that could never be valid names no user.
  if (!result.success) throw new UserNotFoundError(params.username);
  return result.data;
}

function parse<T extends z.ZodMiniType>(schema: T, value: unknown, what?: string): z.output<T> {
  const result = schema.safeParse(value);
  if (!result.success) throw validationProblem(result.error.issues, what);
  return result.data;
}
