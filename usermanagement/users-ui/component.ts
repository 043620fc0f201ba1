// The Users UI component: the single-page app in a private bucket behind CloudFront, which also routes each
// API's paths to it, so the browser only ever talks to one origin.
import { CfnOutput, Stack, type StackProps } from "aws-cdk-lib";
import type * as cognito from "aws-cdk-lib/aws-cognito";
import type { Construct } from "constructs";
import { CHATBOT_API_ROUTES } from "../chatbot-api/nlp/runtime/routes";
import { type Retention, SANDBOX_RETENTION } from "../shared/infrastructure/retention";
import { USERS_API_ROUTES } from "../users-api/api/runtime/routes";
import { SignInUrls } from "../users-api/identity/sign-in-urls";
import { AccessLogs } from "./access-logs/infrastructure";
import { Cdn, type CdnProps } from "./cdn/infrastructure";
import type { SpaConfig } from "./spa/config";
import { SiteBucket, SiteDeployment } from "./spa/infrastructure";

export interface UsersUIProps extends StackProps {
  /** Base URL of the Users API (from the Users API stack), e.g. `https://abc.execute-api.eu-west-1.amazonaws.com/`. */
  readonly usersApiEndpoint: string;
  /** Base URL of the Chatbot API (from the Chatbot API stack). */
  readonly chatbotApiEndpoint: string;
  /**
   * The APIs' `apiEndpointFingerprint`s. The endpoints arrive as weak references, which CloudFormation reads only
   * when this stack's template changes; with these in the template, it changes whenever an API could have a new
   * endpoint, so the next `cdk deploy --all` (or pipeline run) redeploys this stack and re-reads them.
   * @default [] - the UI follows a replaced API only when its own template changes for another reason
   */
  readonly apiEndpointFingerprints?: readonly string[];
  /**
   * The SPA's sign-in settings, served as `/config.json`.
   * @default - no config.json is deployed
   */
  readonly spaConfig?: SpaConfig;
  /**
   * Origins the SPA signs in with, allowed in its Content-Security-Policy's `connect-src`.
   * @default [] - none
   */
  readonly signInOrigins?: readonly string[];
  /**
   * The SPA's app client (from the Users API stack): the stack registers its own URL on it as the callback and
   * sign-out URL, so that sign-in works right after the first deploy.
   * @default - no registration
   */
  readonly signInClient?: {
    readonly userPool: cognito.IUserPool;
    readonly spaClient: cognito.IUserPoolClient;
    /** Changes whenever the Users API stack could rewrite or replace the client (Identity.signInFingerprint). */
    readonly signInFingerprint: string;
  };
  /**
   * How long logs are kept, and whether they and the site outlive the stack: retained logs go to S3 (server
   * access logs and the distribution's), the others to a CloudWatch log group deleted with the stack.
   * @default SANDBOX_RETENTION
   */
  readonly retention?: Retention;
  /**
   * A custom domain for the distribution, with the ARN of its ACM certificate (in us-east-1).
   * @default - the distribution's `*.cloudfront.net` domain
   */
  readonly customDomain?: CdnProps["customDomain"];
}

/** The name of the stack output holding the UI's URL. */
export const UI_URL_OUTPUT = "UIURL";

export class UsersUI extends Stack {
  /** The UI's URL, e.g. `https://d1234.cloudfront.net/`. */
  readonly url: string;
  /** The output holding `url`, for consumers outside CloudFormation (the pipeline's smoke test). */
  readonly urlOutput: CfnOutput;
  readonly cdn: Cdn;

  constructor(scope: Construct, id: string, props: UsersUIProps) {
    super(scope, id, props);
    const retention = props.retention ?? SANDBOX_RETENTION;

    const accessLogs = new AccessLogs(this, "AccessLogs", { retention });
    const site = new SiteBucket(this, "Site", { retention, accessLogsBucket: accessLogs.bucket });
    this.cdn = new Cdn(this, "CDN", {
      siteBucket: site.bucket,
      apis: [
        { endpoint: props.usersApiEndpoint, routes: USERS_API_ROUTES },
        { endpoint: props.chatbotApiEndpoint, routes: CHATBOT_API_ROUTES },
      ],
      apiEndpointFingerprints: props.apiEndpointFingerprints,
      signInOrigins: props.signInOrigins,
      customDomain: props.customDomain,
      logBucket: accessLogs.bucket,
    });
    accessLogs.deliverDistributionLogs(this.cdn.distribution);
    new SiteDeployment(this, "Deployment", {
      bucket: site.bucket,
      distribution: this.cdn.distribution,
      config: props.spaConfig,
      retention,
    });

    this.url = `https://${this.cdn.domainName}/`;
    if (props.signInClient) {
      new SignInUrls(this, "SignIn", {
        userPool: props.signInClient.userPool,
        spaClient: props.signInClient.spaClient,
        clientFingerprint: props.signInClient.signInFingerprint,
        url: { value: this.url },
        retention,
      });
    }
    this.urlOutput = new CfnOutput(this, UI_URL_OUTPUT, {
      value: this.url,
      description: "URL of the Users UI",
    });
  }
}
