// A role's identity-based policies decide each request, and a refusal reads as AWS writes it.
import { describe, expect, it } from "vitest";
import type { ExecutionRole } from "../../../sandbox/iam/execution-role";
import {
  accessDeniedMessage,
  PolicyEvaluationError,
  policyEvaluator,
} from "../../../sandbox/iam/policy-evaluation";

const TABLE = "arn:aws:dynamodb:us-east-1:000000000000:table/Users";
const PRINCIPAL = "arn:aws:sts::000000000000:assumed-role/FunctionRole/UsersApi";
const role: ExecutionRole = {
  arn: "arn:aws:iam::000000000000:role/FunctionRole",
  policies: [
    {
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Action: ["dynamodb:GetItem", "dynamodb:DeleteItem"], Resource: TABLE }],
    },
    { Version: "2012-10-17", Statement: { Effect: "Deny", Action: "dynamodb:DeleteItem", Resource: "*" } },
  ],
};

describe("policyEvaluator", () => {
  const policies = policyEvaluator(role, PRINCIPAL, "000000000000");

  it("allows what a statement allows", async () => {
    expect(await policies.decide({ action: "dynamodb:GetItem", resource: TABLE })).toBe("Allowed");
  });

  it("denies implicitly what no statement allows, an index of an allowed table included", async () => {
    expect(await policies.decide({ action: "dynamodb:Query", resource: `${TABLE}/index/byName` })).toBe(
      "ImplicitlyDenied",
    );
  });

  it("lets an explicit deny in any policy win over an allow", async () => {
    expect(await policies.decide({ action: "dynamodb:DeleteItem", resource: TABLE })).toBe(
      "ExplicitlyDenied",
    );
  });

  it("refuses to guess about an action IAM does not know", async () => {
    await expect(policies.decide({ action: "dynamodb:TransactWriteItems", resource: TABLE })).rejects.toThrow(
      PolicyEvaluationError,
    );
  });
});

describe("accessDeniedMessage", () => {
  it("says which principal may not perform which action on which resource, and why", () => {
    const request = { action: "dynamodb:Query", resource: `${TABLE}/index/byName` };

    expect(accessDeniedMessage(PRINCIPAL, request, "ImplicitlyDenied")).toBe(
      `User: ${PRINCIPAL} is not authorized to perform: dynamodb:Query on resource: ${TABLE}/index/byName ` +
        "because no identity-based policy allows the dynamodb:Query action",
    );
    expect(accessDeniedMessage(PRINCIPAL, request, "ExplicitlyDenied")).toBe(
      `User: ${PRINCIPAL} is not authorized to perform: dynamodb:Query on resource: ${TABLE}/index/byName ` +
        "with an explicit deny in an identity-based policy",
    );
  });
});
