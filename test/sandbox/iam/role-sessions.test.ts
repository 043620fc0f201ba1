// The sandbox's STS stand-in: one set of temporary credentials per role session, known by its access key.
import { describe, expect, it } from "vitest";
import type { ExecutionRole } from "../../../sandbox/iam/execution-role";
import { roleSessions } from "../../../sandbox/iam/role-sessions";

const role: ExecutionRole = { arn: "arn:aws:iam::123456789012:role/service/UsersApiRole", policies: [] };

describe("roleSessions", () => {
  it("issues STS-shaped credentials, the same for the same role and session every time", () => {
    const sessions = roleSessions("123456789012");

    const credentials = sessions.credentialsFor(role, "UsersApi");

    expect(credentials.accessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(sessions.credentialsFor(role, "UsersApi")).toEqual(credentials);
    expect(sessions.credentialsFor(role, "ChatbotApi").accessKeyId).not.toBe(credentials.accessKeyId);
  });

  it("knows the session an access key was issued to, as the assumed-role principal AWS names in denials", () => {
    const sessions = roleSessions("123456789012");
    const { accessKeyId } = sessions.credentialsFor(role, "UsersApi");

    expect(sessions.sessionOf(accessKeyId)?.principalArn).toBe(
      "arn:aws:sts::123456789012:assumed-role/UsersApiRole/UsersApi",
    );
    expect(sessions.sessionOf("ASIAAAAAAAAAAAAAAAAA")).toBeUndefined();
  });

  it("names a session after the role when no name is given", () => {
    const sessions = roleSessions("123456789012");

    const { accessKeyId } = sessions.credentialsFor(role);

    expect(sessions.sessionOf(accessKeyId)?.principalArn).toBe(
      "arn:aws:sts::123456789012:assumed-role/UsersApiRole/UsersApiRole",
    );
  });
});
