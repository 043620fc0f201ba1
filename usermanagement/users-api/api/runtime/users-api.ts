// The Users API as a function of its settings: parse and validate at the edge, call the store, map results to
// HTTP. `handler.ts` binds it to the Lambda environment; tests and the sandbox may bind it to their own table.

import type { RequestContext } from "@aws-lambda-powertools/event-handler/types";
import { Logger } from "@aws-lambda-powertools/logger";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import * as z from "zod/mini";
import {
  createApiRouter,
  type HttpApiLambdaHandler,
  httpApiHandler,
  toRouterPath,
} from "../../../shared/runtime/api-router";
import { readJsonBody } from "../../../shared/runtime/json-body";
import { validationProblem } from "../../../shared/runtime/problem-details";
import { writeAccessMiddleware } from "./authorization";
import { answerDomainErrors } from "./domain-problems";
import { decodeCursor, encodeCursor } from "./list-cursor";
import { USER_ITEM, USERS_API_RESOURCES, USERS_COLLECTION } from "./routes";
import { createUserSchema, type User, type UserPage, updateUserSchema, usernameSchema } from "./user";
import { UserNotFoundError } from "./user-errors";
import { UserStore } from "./user-store";
import { entityTag, expectedVersion } from "./version-tags";

export interface UsersApiProps {
  /** The DynamoDB table holding users and email claims (see `database/table-schema.ts`). */
  readonly tableName: string;
  /** @default a client configured by the environment, as in Lambda */
  readonly dynamoDBClient?: DynamoDBClient;
  /** @default a Powertools logger for the `users-api` service, level from `POWERTOOLS_LOG_LEVEL` */
  readonly logger?: Logger;
}

const listQuerySchema = z.strictObject({
  limit: z._default(
    z.coerce
      .number()
      .check(
        z.int("must be a whole number"),
        z.gte(1, "must be at least 1"),
        z.lte(100, "must be at most 100"),
      ),
    25,
  ),
  cursor: z.optional(z.string()),
});

export function createUsersApiHandler(props: UsersApiProps): HttpApiLambdaHandler {
  const logger = props.logger ?? new Logger({ serviceName: "users-api" });
  const store = new UserStore({
    client: DynamoDBDocumentClient.from(props.dynamoDBClient ?? new DynamoDBClient({}), {
      marshallOptions: { removeUndefinedValues: true },
    }),
    tableName: props.tableName,
  });
  const router = createApiRouter(logger, USERS_API_RESOURCES);
  router.use(writeAccessMiddleware);

  router.post(toRouterPath(USERS_COLLECTION.path), async ({ req }) => {
    const input = parse(createUserSchema, await readJsonBody(req));
    const user = await store.create(input);
    return userResponse(user, 201, { location: `${USERS_COLLECTION.path}/${user.username}` });
  });

  router.get(toRouterPath(USERS_COLLECTION.path), async ({ req }) => {
    const query = parse(listQuerySchema, Object.fromEntries(new URL(req.url).searchParams), "query string");
    const { users, hasMore } = await store.list(query.limit, query.cursor && decodeCursor(query.cursor));
    const nextCursor = hasMore ? encodeCursor(users[users.length - 1].username) : null;
    const page: UserPage = { items: users, nextCursor };
    return Response.json(page);
  });

  router.get(toRouterPath(USER_ITEM.path), async (reqCtx) => {
    return userResponse(await store.get(usernameParam(reqCtx)));
  });

  const updateUser = async (reqCtx: RequestContext) => {
    const username = usernameParam(reqCtx);
    const changes = parse(updateUserSchema, await readJsonBody(reqCtx.req));
    const user = await store.update(username, changes, expectedVersion(reqCtx.req.headers.get("if-match")));
    return userResponse(user);
  };
  router.patch(toRouterPath(USER_ITEM.path), updateUser);
  router.put(toRouterPath(USER_ITEM.path), updateUser);

  router.delete(toRouterPath(USER_ITEM.path), async (reqCtx) => {
    await store.delete(usernameParam(reqCtx), expectedVersion(reqCtx.req.headers.get("if-match")));
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
