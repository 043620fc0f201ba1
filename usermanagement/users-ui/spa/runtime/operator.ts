// Who is signed in and what they may do, read from the access token's claims as Cognito writes them
// (`username`, `cognito:groups`). This only shapes the page: the Users API decides for itself and answers 403.
import { ADMINS_GROUP } from "../../../shared/runtime/access";

export type Role = "admin" | "viewer";

export interface Operator {
  readonly name: string;
  readonly role: Role;
}

export function operatorFrom(claims: Readonly<Record<string, unknown>>): Operator {
  const groups = claims["cognito:groups"];
  const isAdmin = Array.isArray(groups) && groups.includes(ADMINS_GROUP);
  const name = [claims.username, claims.sub].find((value) => typeof value === "string" && value !== "");
  return { name: (name as string | undefined) ?? "unknown", role: isAdmin ? "admin" : "viewer" };
}

/** Whether the operator may create, change and delete users. */
export const mayChangeUsers = (operator: Operator) => operator.role === "admin";
