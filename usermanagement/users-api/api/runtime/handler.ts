// Lambda entry point of the Users API: the API bound to the function's environment.
import { createUsersApiHandler } from "./users-api";

const tableName = process.env.USERS_TABLE_NAME;
if (!tableName) throw new Error("USERS_TABLE_NAME is not set");

export const handler = createUsersApiHandler({ tableName });
