// Registers the UI's own URL as a callback and sign-out URL of the SPA's app client, and takes it away again.
// The client belongs to the Users API stack, which can't know the UI's URL (the UI stack depends on it), so the
// URL is added by a custom resource in two places: the UI stack's, once its distribution exists (it names the
// URL, and removes it when the UI goes); and the Users API stack's own, right after CloudFormation has rewritten
// the client from its template, which drops every URL the template doesn't list (that one reads the URL from the
// UI stack's output, and only ever adds).
import { type CloudFormationClient, DescribeStacksCommand } from "@aws-sdk/client-cloudformation";
import {
  type CognitoIdentityProviderClient,
  DescribeUserPoolClientCommand,
  ResourceNotFoundException,
  UpdateUserPoolClientCommand,
  type UpdateUserPoolClientCommandInput,
  type UserPoolClientType,
} from "@aws-sdk/client-cognito-identity-provider";
import type { CdkCustomResourceEvent, CdkCustomResourceResponse } from "aws-lambda";

/** The custom resource's properties, as CloudFormation passes them (strings, lists and maps of strings). */
export interface SignInUrlsProperties {
  readonly UserPoolId: string;
  readonly ClientId: string;
  /** The URLs to add to both the callback and the sign-out URLs, and to remove when they go. */
  readonly Urls?: string[];
  /**
   * Or: the stack output holding the URL to add, read at every Create and Update; absent (no such stack yet, or
   * no such output), nothing is added. Never removes anything: the stack that owns the URL does that.
   */
  readonly UrlFromStackOutput?: { readonly StackName: string; readonly OutputName: string };
  /** Not read: any change of it makes CloudFormation send an Update, which re-adds the URLs. */
  readonly ClientFingerprint?: string;
}

export type SignInUrlsEvent = CdkCustomResourceEvent<SignInUrlsProperties & { ServiceToken: string }>;

/** The only Cognito calls this module makes, so that a test can stand in for Cognito at the SDK boundary. */
export type CognitoClient = Pick<CognitoIdentityProviderClient, "send">;

/** The only CloudFormation call (DescribeStacks), likewise. */
export type StackOutputsClient = Pick<CloudFormationClient, "send">;

/**
 * What DescribeUserPoolClient returns that UpdateUserPoolClient doesn't take. Everything else is copied back:
 * UpdateUserPoolClient resets every setting it isn't given, so the update must restate the client as it is.
 */
const DESCRIBED_ONLY = ["ClientSecret", "ClientType", "CreationDate", "LastModifiedDate"] as const;
type DescribedOnly = (typeof DESCRIBED_ONLY)[number];
// Fails to compile when an SDK upgrade adds a described-only field this list doesn't drop, or when one of these
// becomes updatable: either would make the update send something wrong.
type NotUpdatable = Exclude<keyof UserPoolClientType, keyof UpdateUserPoolClientCommandInput>;
const _describedOnlyIsExact: [NotUpdatable, DescribedOnly] extends [DescribedOnly, NotUpdatable]
  ? true
  : never = true;
void _describedOnlyIsExact;

export function createSignInUrlsHandler(clients: {
  readonly cognito: CognitoClient;
  readonly stackOutputs: StackOutputsClient;
}) {
  const { cognito, stackOutputs } = clients;
  return async (event: SignInUrlsEvent): Promise<CdkCustomResourceResponse> => {
    const properties = event.ResourceProperties;
    const { UserPoolId, ClientId } = properties;
    const physicalResourceId = `${UserPoolId}/${ClientId}`;
    switch (event.RequestType) {
      case "Create":
        await changeUrls(
          cognito,
          { UserPoolId, ClientId },
          { add: await urlsOf(stackOutputs, properties), remove: [] },
        );
        break;
      case "Update": {
        const old = event.OldResourceProperties;
        const add = await urlsOf(stackOutputs, properties);
        // A new client (or pool) is a new resource: CloudFormation then deletes the old one, which cleans up.
        const sameClient = old.UserPoolId === UserPoolId && old.ClientId === ClientId;
        const remove = sameClient ? (old.Urls ?? []).filter((url) => !add.includes(url)) : [];
        await changeUrls(cognito, { UserPoolId, ClientId }, { add, remove });
        break;
      }
      case "Delete":
        await changeUrls(cognito, { UserPoolId, ClientId }, { add: [], remove: properties.Urls ?? [] }).catch(
          (error) => {
            // The pool or the client is gone already: nothing of ours is left to remove.
            if (!(error instanceof ResourceNotFoundException)) throw error;
          },
        );
        break;
    }
    return { PhysicalResourceId: physicalResourceId };
  };
}

/** The URLs a registration adds: the ones it names, or the one its stack output holds now, if any. */
async function urlsOf(stackOutputs: StackOutputsClient, properties: SignInUrlsProperties): Promise<string[]> {
  if (properties.Urls) return properties.Urls;
  if (!properties.UrlFromStackOutput) return [];
  const { StackName, OutputName } = properties.UrlFromStackOutput;
  try {
    const { Stacks: stacks } = await stackOutputs.send(new DescribeStacksCommand({ StackName }));
    const value = stacks?.[0]?.Outputs?.find((output) => output.OutputKey === OutputName)?.OutputValue;
    return value ? [value] : [];
  } catch (error) {
    // CloudFormation's answer for a stack that doesn't exist (yet, on a first deployment, or any more).
    if ((error as Error).name === "ValidationError" && /does not exist/.test((error as Error).message))
      return [];
    throw error;
  }
}

interface ClientRef {
  readonly UserPoolId: string;
  readonly ClientId: string;
}

/** Reads the client, then writes it back unchanged but for its callback and sign-out URLs. */
async function changeUrls(
  cognito: CognitoClient,
  ref: ClientRef,
  change: { readonly add: readonly string[]; readonly remove: readonly string[] },
): Promise<void> {
  if (change.add.length === 0 && change.remove.length === 0) return;
  const { UserPoolClient: client } = await cognito.send(new DescribeUserPoolClientCommand(ref));
  if (!client) throw new Error(`Cognito described no client ${ref.ClientId} in ${ref.UserPoolId}`);

  const settings = Object.fromEntries(
    Object.entries(client).filter(([key]) => !(DESCRIBED_ONLY as readonly string[]).includes(key)),
  ) as Omit<UserPoolClientType, DescribedOnly>;
  const callbackUrls = mergeUrls(client.CallbackURLs, change);
  const logoutUrls = mergeUrls(client.LogoutURLs, change);
  if (sameUrls(callbackUrls, client.CallbackURLs) && sameUrls(logoutUrls, client.LogoutURLs)) return;

  await cognito.send(
    new UpdateUserPoolClientCommand({
      ...settings,
      ...ref,
      CallbackURLs: callbackUrls,
      LogoutURLs: logoutUrls,
    }),
  );
}

/**
 * The client's URLs with ours added and the ones we no longer want removed, in their order. A code-grant
 * client needs at least one callback URL, so removal never empties the list (the template's placeholder stays).
 */
export function mergeUrls(
  current: readonly string[] | undefined,
  change: { readonly add: readonly string[]; readonly remove: readonly string[] },
): string[] {
  const kept = (current ?? []).filter((url) => !change.remove.includes(url));
  const merged = [...kept, ...change.add.filter((url) => !kept.includes(url))];
  return merged.length > 0 ? merged : [...(current ?? [])];
}

function sameUrls(a: readonly string[], b: readonly string[] | undefined): boolean {
  return a.length === (b ?? []).length && a.every((url, index) => url === b?.[index]);
}
