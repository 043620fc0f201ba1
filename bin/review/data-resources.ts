// The resource types whose replacement or deletion loses something a redeployment cannot bring back, and what
// CloudFormation does with the old resource: its `DeletionPolicy` on deletion, its `UpdateReplacePolicy` on
// replacement (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-attribute-deletionpolicy.html).

/** What each type holds, by CloudFormation type. */
const DATA_HELD: Readonly<Record<string, string>> = {
  "AWS::DynamoDB::Table": "its items",
  "AWS::DynamoDB::GlobalTable": "its items",
  "AWS::Cognito::UserPool": "its users, their passwords and MFA",
  "AWS::S3::Bucket": "its objects",
  "AWS::S3Express::DirectoryBucket": "its objects",
  "AWS::Logs::LogGroup": "its log events",
  "AWS::KMS::Key": "the key: what it encrypted is unreadable once it is deleted",
  "AWS::RDS::DBCluster": "its databases",
  "AWS::RDS::DBInstance": "its databases",
  "AWS::EFS::FileSystem": "its files",
  "AWS::EC2::Volume": "its blocks",
  "AWS::SQS::Queue": "its messages",
  "AWS::Kinesis::Stream": "its records",
  "AWS::SecretsManager::Secret": "its secret value",
  "AWS::ECR::Repository": "its images",
  "AWS::Backup::BackupVault": "its recovery points",
  "AWS::OpenSearchService::Domain": "its indices",
};

/** What the resource holds, or `undefined` for a type a redeployment recreates as it was. */
export const dataHeldBy = (type: string): string | undefined => DATA_HELD[type];

export type Impact = "replaced" | "may be replaced" | "deleted" | "removed, kept in the account";

/** CloudFormation's default for both policies, unless the template says otherwise. */
export const DEFAULT_POLICY = "Delete";

/** What happens to the old resource and its data, in a phrase. */
export function consequence(impact: Impact, policy: string, data: string | undefined): string {
  const kept = policy === "Retain" || policy === "RetainExceptOnCreate";
  const snapshot = policy === "Snapshot";
  switch (impact) {
    case "replaced":
    case "may be replaced": {
      const what = data ? `a new, empty resource takes its place` : "a new resource takes its place";
      if (kept) return `${what}; the old one is kept outside the stack${data ? ", with its data" : ""}`;
      if (snapshot) return `${what}; the old one is deleted after a snapshot`;
      return data ? `${what}; the old one is deleted with ${data}` : `${what}; the old one is deleted`;
    }
    case "deleted":
      if (snapshot) return "deleted after a snapshot";
      return data ? `deleted with ${data}` : "deleted";
    case "removed, kept in the account":
      return "no longer managed by the stack; it and its data stay in the account";
  }
}
