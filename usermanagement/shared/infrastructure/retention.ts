// How long a deployment keeps what it records and whether it outlives its stacks: decided once, where the
// workload is assembled, and handed to every component.
import { RemovalPolicy } from "aws-cdk-lib";
import * as logs from "aws-cdk-lib/aws-logs";
import type { Construct } from "constructs";

export interface Retention {
  /** How long every log group keeps its events. */
  readonly logRetention: logs.RetentionDays;
  /**
   * Keep data, users and logs (with deletion protection where the resource has it) when a stack is deleted.
   * False: everything goes with the stack.
   */
  readonly retain: boolean;
}

/** A developer's copy: a week of logs, nothing left behind by `cdk destroy`. */
export const SANDBOX_RETENTION: Retention = { logRetention: logs.RetentionDays.ONE_WEEK, retain: false };

/** Production: a year of logs, and nothing deleted with a stack. */
export const PRODUCTION_RETENTION: Retention = { logRetention: logs.RetentionDays.ONE_YEAR, retain: true };

/** A log group kept as the posture says: for its days, and beyond its stack when the posture retains. */
export function logGroupFor(scope: Construct, id: string, retention: Retention): logs.LogGroup {
  return new logs.LogGroup(scope, id, {
    retention: retention.logRetention,
    removalPolicy: retention.retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
  });
}
