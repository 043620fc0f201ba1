// The Users API's routes: the HTTP API's route table and its authorization scopes (CDK), the distribution's
// behaviour, the handler's router and authorization, and the sandbox are all built from this.
import { READ_SCOPE, WRITE_SCOPE } from "../../../shared/runtime/access";
import type { ApiResource } from "../../../shared/runtime/api-router";
import type { HttpApiRoutes } from "../../../shared/runtime/http-api-routes";

export const USERS_COLLECTION: ApiResource = { path: "/api/users", methods: ["GET", "POST"] };
export const USER_ITEM: ApiResource = {
  path: "/api/users/{username}",
  // PUT is a synonym of PATCH: the verb of the original sample this design comes from.
  methods: ["GET", "PATCH", "PUT", "DELETE"],
};

/** Every path lives under `/api/users`, so the distribution forwards paths unchanged. */
export const USERS_API_ROUTES: HttpApiRoutes = {
  pathPattern: "/api/users*",
  resources: [USERS_COLLECTION, USER_ITEM],
  // Reading takes the read scope; creating, changing and deleting the write scope.
  scopes: { GET: READ_SCOPE, POST: WRITE_SCOPE, PATCH: WRITE_SCOPE, PUT: WRITE_SCOPE, DELETE: WRITE_SCOPE },
};

export const USERS_API_RESOURCES = USERS_API_ROUTES.resources;
