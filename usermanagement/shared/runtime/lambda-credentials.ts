// Stands in for @aws-sdk/credential-provider-node in Lambda bundles (an esbuild alias, see lambda-bundling.ts).
// Lambda hands every function its role's credentials in the environment, so the default chain's other sources
// (SSO, shared INI files, processes, web identity, container and instance metadata, and the STS and SSO clients
// they bring) are dead weight: about 135 KB of bundle and 20 ms of cold start.
import { fromEnv } from "@aws-sdk/credential-provider-env";

/** The environment provider under the name the SDK's clients import. */
export const defaultProvider: typeof fromEnv = (init) => fromEnv(init);
