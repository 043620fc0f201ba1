// Who is signed in and what they may do. The role comes from the access token's groups as Cognito writes them
// (`cognito:groups`); this only shapes the page: the Users API decides for itself and answers 403.
import { ADMINS_GROUP } from "../../../shared/runtime/access";

export type Role = "admin" | "viewer";

export interface Operator {
  readonly name: string;
  readonly role: Role;
}

/**
 * The operator from the access token's claims and the ID token's. The name is the email address when the ID
 * token has one: a Cognito pool whose sign-in name is the email gives each person a generated UUID as
 * `username`, which would mean nothing on screen.
 */
export function operatorFrom(
  accessClaims: Readonly<Record<string, unknown>>,
  idClaims: Readonly<Record<string, unknown>> = {},
): Operator {
  const groups = accessClaims["cognito:groups"];
  const isAdmin = Array.isArray(groups) && groups.includes(ADMINS_GROUP);
  const name = [idClaims.email, accessClaims.username, accessClaims.sub].find(
    (value) => typeof value === "string" && value !== "",
  );
  return { name: (name as string | undefined) ?? "unknown", role: isAdmin ? "admin" : "viewer" };
}

/** Whether the operator may create, change and delete users. */
export const mayChangeUsers = (operator: Operator) => operator.role === "admin";
