// Where the Users UI's access logs go. A retaining deployment (production) keeps S3 server access logs of the
// site bucket and the distribution's standard logs in an S3 bucket that outlives the stack. A sandbox must tear
// down cleanly with `cdk destroy`: a log bucket that auto-deletes its objects while CloudFront and S3 still
// deliver logs fails with BucketNotEmpty, so a sandbox has no log bucket and sends the distribution's logs to
// CloudWatch Logs (standard logging v2), a log group CloudFormation deletes whatever still arrives.
//
// Standard logging v2 is configured in US East (N. Virginia) only: CloudFront's delivery sources exist there
// ("Configure standard logging (v2)": CloudWatch Logs API calls for a distribution go to us-east-1), and a log
// group destination must be in the delivery's region. A sandbox in another region therefore gets no distribution
// logs, rather than an unused log group: its APIs' stages log every /api request, CloudFront's metrics count the
// rest. Configuring us-east-1 from another region's stack would take a cross-region custom resource creating and
// deleting the log group, source, destination and delivery there, none of which the sandbox can exercise.
import { Aws, CfnCondition, Duration, Fn, Names, RemovalPolicy, Stack, Token } from "aws-cdk-lib";
import type * as cloudfront from "aws-cdk-lib/aws-cloudfront";
import * as logs from "aws-cdk-lib/aws-logs";
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

/** The only region where CloudFront's standard logs (v2) can be configured. */
export const CLOUDFRONT_LOGS_REGION = "us-east-1";

export class AccessLogs extends Construct {
  /** Production's bucket for S3 server access logs and CloudFront's standard logs (legacy, which needs ACLs). */
  readonly bucket?: s3.Bucket;
  readonly #retention: Retention;

  constructor(scope: Construct, id: string, props: AccessLogsProps) {
    super(scope, id);
    this.#retention = props.retention;
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
    }
  }

  /**
   * Without a log bucket, sends the distribution's standard logs (v2) to a log group deleted with the stack,
   * where CloudFront can deliver them: decided at synth for a stack with a region, by a CloudFormation condition
   * for an environment-agnostic one.
   */
  deliverDistributionLogs(distribution: cloudfront.IDistribution): void {
    if (this.bucket) return;
    const stack = Stack.of(this);
    if (!Token.isUnresolved(stack.region) && stack.region !== CLOUDFRONT_LOGS_REGION) return;
    const logGroup = logGroupFor(this, "DistributionLogs", this.#retention);
    // Unique per sandbox: the name carries a hash of the construct's path, the stack's name included.
    const name = Names.uniqueResourceName(this, { maxLength: 60, separator: "-" });
    const source = new logs.CfnDeliverySource(this, "DistributionLogSource", {
      name,
      logType: "ACCESS_LOGS",
      resourceArn: distribution.distributionArn,
    });
    const destination = new logs.CfnDeliveryDestination(this, "DistributionLogDestination", {
      name,
      destinationResourceArn: logGroup.logGroupArn,
      outputFormat: "json",
    });
    const delivery = new logs.CfnDelivery(this, "DistributionLogDelivery", {
      deliverySourceName: source.ref,
      deliveryDestinationArn: destination.attrArn,
    });
    delivery.addResourceDependency(source);
    if (Token.isUnresolved(stack.region)) {
      const inLogsRegion = new CfnCondition(this, "InCloudFrontLogsRegion", {
        expression: Fn.conditionEquals(Aws.REGION, CLOUDFRONT_LOGS_REGION),
      });
      const resources = [logGroup.node.defaultChild as logs.CfnLogGroup, source, destination, delivery];
      for (const resource of resources) resource.cfnOptions.condition = inLogsRegion;
    }
  }
}
