// The sandbox's stand-in for STS: temporary credentials for a role's session (what Lambda obtains by assuming a
// function's execution role, named after the function), and which session a request's access key belongs to.
// Each session gets its own key, so an endpoint in front of a service knows every caller by the key it signs with.
import { randomBytes } from "node:crypto";
import type { ExecutionRole, RoleCredentials } from "./execution-role";
import { policyEvaluator } from "./policy-evaluation";

export interface RoleSession {
  readonly role: ExecutionRole;
  /** `arn:aws:sts::<account>:assumed-role/<role name>/<session name>`, as AWS names the caller in denials. */
  readonly principalArn: string;
  readonly credentials: RoleCredentials;
  readonly policies: ReturnType<typeof policyEvaluator>;
}

const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

export function roleSessions(accountId: string) {
  const byName = new Map<string, RoleSession>();
  const byAccessKey = new Map<string, RoleSession>();
  return {
    /** The same credentials for the same role and session name, every time. */
    credentialsFor(role: ExecutionRole, sessionName = roleName(role)): RoleCredentials {
      const key = `${role.arn}\0${sessionName}`;
      let session = byName.get(key);
      if (!session) {
        const principalArn = `arn:aws:sts::${accountId}:assumed-role/${roleName(role)}/${sessionName}`;
        session = {
          role,
          principalArn,
          credentials: newCredentials(),
          policies: policyEvaluator(role, principalArn, accountId),
        };
        byName.set(key, session);
        byAccessKey.set(session.credentials.accessKeyId, session);
      }
      return session.credentials;
    },
    /** The session `accessKeyId` was issued to, if this stand-in issued it. */
    sessionOf(accessKeyId: string): RoleSession | undefined {
      return byAccessKey.get(accessKeyId);
    },
  };
}

/** The last segment of the role's ARN (a role's path, if any, comes before it). */
function roleName(role: ExecutionRole): string {
  return role.arn.slice(role.arn.lastIndexOf("/") + 1);
}

/** Shaped like STS's: temporary access key ids start with `ASIA` and are 20 characters. */
function newCredentials(): RoleCredentials {
  const id = Array.from(randomBytes(16), (byte) => BASE32[byte % 32]).join("");
  return {
    accessKeyId: `ASIA${id}`,
    secretAccessKey: randomBytes(30).toString("base64"),
    sessionToken: randomBytes(96).toString("base64"),
  };
}
