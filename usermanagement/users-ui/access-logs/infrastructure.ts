// Where the Users UI's access logs go. A retaining deployment (production) keeps S3 server access logs of the
// site bucket and the distribution's standard logs in an S3 bucket that outlives the stack. A sandbox must tear
// down cleanly with `cdk destroy`: a log bucket that auto-deletes its objects while CloudFront and S3 still
// deliver logs fails with BucketNotEmpty, so a sandbox has no log bucket and sends the distribution's logs to
// CloudWatch Logs (standard logging v2), a log group CloudFormation deletes whatever still arrives.
import { Duration, RemovalPolicy } from "aws-cdk-lib";
import type * as logs from "aws-cdk-lib/aws-logs";
import * as s3 from "aws-cdk-lib/aws-s3";
import { Construct } from "constructs";
import { logGroupFor, type Retention } from "../../shared/infrastructure/retention";

export interface AccessLogsProps {
  /**
   * How long logs are kept; retained logs go to an S3 bucket that outlives the stack, the others to a log group
   * deleted with it.
   */
  readonly retention: Retention;
}

export class AccessLogs extends Construct {
  /** Production's bucket for S3 server access logs and CloudFront's standard logs (legacy, which needs ACLs). */
  readonly bucket?: s3.Bucket;
  /** A sandbox's log group for the distribution's standard logs (v2). */
  readonly logGroup?: logs.LogGroup;

  constructor(scope: Construct, id: string, props: AccessLogsProps) {
    super(scope, id);
    const { logRetention, retain } = props.retention;
    if (retain) {
      this.bucket = new s3.Bucket(this, "Bucket", {
        blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
        encryption: s3.BucketEncryption.S3_MANAGED,
        enforceSSL: true,
        objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
        lifecycleRules: [{ expiration: Duration.days(logRetention) }],
        removalPolicy: RemovalPolicy.RETAIN,
      });
    } else {
      this.logGroup = logGroupFor(this, "DistributionLogs", props.retention);
    }
  }
}
