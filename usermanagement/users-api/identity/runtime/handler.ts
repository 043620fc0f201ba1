// Lambda entry point of the sign-in URL registration: the custom resource's onEvent handler, bound to Cognito and
// to CloudFormation (for the URL a stack output holds).
import { CloudFormationClient } from "@aws-sdk/client-cloudformation";
import { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { createSignInUrlsHandler } from "./register-sign-in-urls";

export const handler = createSignInUrlsHandler({
  cognito: new CognitoIdentityProviderClient({}),
  stackOutputs: new CloudFormationClient({}),
});
