// Lambda entry point of the sign-in URL registration: the custom resource's onEvent handler, bound to Cognito.
import { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { createSignInUrlsHandler } from "./register-sign-in-urls";

export const handler = createSignInUrlsHandler(new CognitoIdentityProviderClient({}));
