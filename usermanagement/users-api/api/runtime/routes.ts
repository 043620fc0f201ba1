// The Users API's routes: the HTTP API's route table (CDK) and the handler's router are both built from this.
import type { ApiResource } from "../../../shared/runtime/api-router";

/** Every path lives under `/api`, the prefix CloudFront and the local sandbox route to this API. */
export const USERS_COLLECTION: ApiResource = { path: "/api/users", methods: ["GET", "POST"] };
export const USER_ITEM: ApiResource = {
  path: "/api/users/{username}",
  // PUT is a synonym of PATCH: the verb of the original sample this design comes from.
  methods: ["GET", "PATCH", "PUT", "DELETE"],
};

export const USERS_API_RESOURCES = [USERS_COLLECTION, USER_ITEM] as const;
