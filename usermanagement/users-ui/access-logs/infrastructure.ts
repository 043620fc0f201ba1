// Where the Users UI's access logs go: the site bucket's S3 server access logs and the distribution's
// standard logs.
import { Duration, RemovalPolicy } from "aws-cdk-lib";
import * as s3 from "aws-cdk-lib/aws-s3";
import { Construct } from "constructs";

export interface AccessLogsProps {
  /**
   * Keep the logs a year and retain them when the stack is deleted.
   * @default false - a sandbox: thirty days, deleted with the stack
   */
  readonly production?: boolean;
}

export class AccessLogs extends Construct {
  /** The bucket both kinds of logs are written to. CloudFront's standard logs need ACLs on it. */
  readonly bucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: AccessLogsProps = {}) {
    super(scope, id);
    const production = props.production ?? false;
    this.bucket = new s3.Bucket(this, "Bucket", {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ expiration: Duration.days(production ? 365 : 30) }],
      ...(production
        ? { removalPolicy: RemovalPolicy.RETAIN }
        : { removalPolicy: RemovalPolicy.DESTROY, autoDeleteObjects: true }),
    });
  }
}
