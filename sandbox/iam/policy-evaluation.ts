// Whether a role's session may perform an action on a resource, decided as IAM decides for a principal in the
// resource's own account with identity-based policies only (no resource policy, SCP, boundary or session
// policy: the sandbox's templates declare none), and a refusal worded as AWS words it.
// Evaluation logic: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
// The evaluator is @cloud-copilot/iam-simulate, which implements that logic, wildcards and condition operators.
import { runSimulation } from "@cloud-copilot/iam-simulate";
import type { ExecutionRole } from "./execution-role";

/** One authorization AWS checks for a call: e.g. `dynamodb:Query` on an index ARN. */
export interface AuthorizationRequest {
  readonly action: string;
  readonly resource: string;
  /** Request context keys the service sets for this call, e.g. `dynamodb:EnclosingOperation`. @default {} */
  readonly context?: Readonly<Record<string, string>>;
}

export type Decision = "Allowed" | "ExplicitlyDenied" | "ImplicitlyDenied";

/** The policies could not be evaluated (an action IAM does not know, a malformed statement…). */
export class PolicyEvaluationError extends Error {
  override name = "PolicyEvaluationError";
}

/** Decides requests for one role's session. Decisions are kept: a role's policies never change while it runs. */
export function policyEvaluator(role: ExecutionRole, principalArn: string, accountId: string) {
  const decisions = new Map<string, Promise<Decision>>();
  const identityPolicies = role.policies.map((policy, index) => ({ name: `policy-${index}`, policy }));
  return {
    decide(request: AuthorizationRequest): Promise<Decision> {
      const key = JSON.stringify([request.action, request.resource, request.context ?? {}]);
      let decision = decisions.get(key);
      if (!decision) {
        decision = evaluate(request);
        decisions.set(key, decision);
      }
      return decision;
    },
  };

  async function evaluate(request: AuthorizationRequest): Promise<Decision> {
    const outcome = await runSimulation(
      {
        identityPolicies,
        serviceControlPolicies: [],
        resourceControlPolicies: [],
        request: {
          action: request.action,
          principal: principalArn,
          resource: { resource: request.resource, accountId },
          contextVariables: { ...request.context },
        },
      },
      {},
    );
    if (outcome.resultType === "error") {
      throw new PolicyEvaluationError(
        `Cannot evaluate ${request.action} on ${request.resource} for ${role.arn}: ${JSON.stringify(outcome.errors)}`,
      );
    }
    return outcome.overallResult as Decision;
  }
}

/**
 * The message of an AccessDeniedException, as "Troubleshoot access denied error messages" gives it
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html), e.g.
 * `User: arn:aws:sts::123456789012:assumed-role/FunctionRole/fn is not authorized to perform: dynamodb:Query on
 * resource: arn:aws:dynamodb:…:table/Users/index/byName because no identity-based policy allows the dynamodb:Query
 * action`.
 */
export function accessDeniedMessage(
  principalArn: string,
  request: AuthorizationRequest,
  decision: Exclude<Decision, "Allowed">,
): string {
  const reason =
    decision === "ExplicitlyDenied"
      ? "with an explicit deny in an identity-based policy"
      : `because no identity-based policy allows the ${request.action} action`;
  return `User: ${principalArn} is not authorized to perform: ${request.action} on resource: ${request.resource} ${reason}`;
}
