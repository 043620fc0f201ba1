// Names and placeholders shared by the app and the toolchain. Replace the accounts and the GitHub connection
// with your own before deploying the toolchain.

export const APP_NAME = "UserManagement";

/** The account and region the pipeline (the Toolchain stack) lives in. */
export const TOOLCHAIN_ENV = { account: "111111111111", region: "eu-west-1" } as const;

/** The account and region the pipeline deploys production to. */
export const PRODUCTION_ENV = { account: "222222222222", region: "eu-west-1" } as const;

/** The source the pipeline builds: a GitHub repository reached through a CodeStar (CodeConnections) connection. */
export const GITHUB_SOURCE = {
  connectionArn:
    "arn:aws:codeconnections:eu-west-1:111111111111:connection/00000000-0000-0000-0000-000000000000",
  owner: "your-github-owner",
  repository: "user-management",
  branch: "main",
} as const;
