// Operations view of the Users API: one dashboard, and alarms that notify an encrypted SNS topic.
import { Duration } from "aws-cdk-lib";
import type * as apigwv2 from "aws-cdk-lib/aws-apigatewayv2";
import * as cloudwatch from "aws-cdk-lib/aws-cloudwatch";
import * as actions from "aws-cdk-lib/aws-cloudwatch-actions";
import type * as dynamodb from "aws-cdk-lib/aws-dynamodb";
import * as iam from "aws-cdk-lib/aws-iam";
import * as kms from "aws-cdk-lib/aws-kms";
import type * as lambda from "aws-cdk-lib/aws-lambda";
import * as sns from "aws-cdk-lib/aws-sns";
import { Construct } from "constructs";

export interface MonitoringProps {
  readonly httpApi: apigwv2.HttpApi;
  readonly function: lambda.IFunction;
  readonly table: dynamodb.ITable;
  /** p99 latency of the API above which the latency alarm fires. @default Duration.seconds(1) */
  readonly latencyThreshold?: Duration;
}

const PERIOD = Duration.minutes(5);
const sum = { statistic: cloudwatch.Stats.SUM, period: PERIOD };

export class Monitoring extends Construct {
  /** Alarms publish here; subscribe the on-call address or chat channel to it. */
  readonly alarmTopic: sns.Topic;
  readonly dashboard: cloudwatch.Dashboard;
  readonly alarms: readonly cloudwatch.Alarm[];

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    const { httpApi, function: fn, table } = props;

    // A customer-managed key: CloudWatch can't publish to a topic encrypted with the AWS-managed SNS key.
    const topicKey = new kms.Key(this, "AlarmTopicKey", {
      description: "Encrypts the Users API alarm topic",
      enableKeyRotation: true,
    });
    topicKey.grant(
      new iam.ServicePrincipal("cloudwatch.amazonaws.com"),
      "kms:Decrypt",
      "kms:GenerateDataKey*",
    );
    this.alarmTopic = new sns.Topic(this, "AlarmTopic", { masterKey: topicKey, enforceSSL: true });

    const latencyP99 = httpApi.metricLatency({ statistic: "p99", period: PERIOD });
    const dynamoThrottles = new cloudwatch.MathExpression({
      expression: "reads + writes",
      usingMetrics: {
        reads: table.metric("ReadThrottleEvents", sum),
        writes: table.metric("WriteThrottleEvents", sum),
      },
      label: "DynamoDB throttle events",
      period: PERIOD,
    });

    const alarm = (name: string, metric: cloudwatch.IMetric, threshold: number, description: string) =>
      new cloudwatch.Alarm(this, name, {
        metric,
        threshold,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        alarmDescription: description,
      });
    this.alarms = [
      alarm("FunctionErrorsAlarm", fn.metricErrors(sum), 1, "The Users API function failed an invocation."),
      alarm("Api5xxAlarm", httpApi.metricServerError(sum), 1, "The Users API answered with a 5xx."),
      alarm(
        "ApiLatencyAlarm",
        latencyP99,
        (props.latencyThreshold ?? Duration.seconds(1)).toMilliseconds(),
        "The Users API's p99 latency is above its threshold.",
      ),
      alarm("TableThrottlesAlarm", dynamoThrottles, 1, "DynamoDB throttled requests to the Users table."),
    ];
    for (const each of this.alarms) each.addAlarmAction(new actions.SnsAction(this.alarmTopic));

    this.dashboard = new cloudwatch.Dashboard(this, "Dashboard", {
      defaultInterval: Duration.hours(3),
      widgets: [
        [
          graph("API requests", [httpApi.metricCount(sum)]),
          graph("API 4xx / 5xx", [httpApi.metricClientError(sum), httpApi.metricServerError(sum)]),
          graph("API p99 latency (ms)", [latencyP99]),
        ],
        [
          graph("Function errors / throttles", [fn.metricErrors(sum), fn.metricThrottles(sum)]),
          graph("Function duration p50 / p99 (ms)", [
            fn.metricDuration({ statistic: "p50", period: PERIOD }),
            fn.metricDuration({ statistic: "p99", period: PERIOD }),
          ]),
          graph("Function concurrency", [
            fn.metric("ConcurrentExecutions", { statistic: cloudwatch.Stats.MAXIMUM, period: PERIOD }),
          ]),
        ],
        [
          graph("DynamoDB consumed capacity", [
            table.metricConsumedReadCapacityUnits(sum),
            table.metricConsumedWriteCapacityUnits(sum),
          ]),
          graph("DynamoDB throttles", [dynamoThrottles]),
          graph(
            "DynamoDB latency (ms)",
            ["GetItem", "Query", "TransactWriteItems"].map((operation) =>
              table.metricSuccessfulRequestLatency({
                dimensionsMap: { TableName: table.tableName, Operation: operation },
                period: PERIOD,
              }),
            ),
          ),
        ],
        [new cloudwatch.AlarmStatusWidget({ title: "Alarms", alarms: [...this.alarms], width: 24 })],
      ],
    });
  }
}

function graph(title: string, metrics: cloudwatch.IMetric[]): cloudwatch.GraphWidget {
  return new cloudwatch.GraphWidget({ title, left: metrics, width: 8 });
}
