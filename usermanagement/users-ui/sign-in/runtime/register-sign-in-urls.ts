// Registers the UI's own URL as a callback and sign-out URL of the SPA's app client, and takes it away again.
// The client belongs to the Users API stack, which can't know the UI's URL (the UI stack depends on it), so the
// UI stack adds it here, as a custom resource, once its distribution exists.
import {
  type CognitoIdentityProviderClient,
  DescribeUserPoolClientCommand,
  ResourceNotFoundException,
  UpdateUserPoolClientCommand,
  type UpdateUserPoolClientCommandInput,
  type UserPoolClientType,
} from "@aws-sdk/client-cognito-identity-provider";
import type { CdkCustomResourceEvent, CdkCustomResourceResponse } from "aws-lambda";

/** The custom resource's properties, as CloudFormation passes them (strings and lists of strings). */
export interface SignInUrlsProperties {
  readonly UserPoolId: string;
  readonly ClientId: string;
  /** The URLs to add to both the callback and the sign-out URLs. */
  readonly Urls: string[];
  /** Not read: any change of it makes CloudFormation send an Update, which re-adds the URLs. */
  readonly ClientFingerprint?: string;
}

export type SignInUrlsEvent = CdkCustomResourceEvent<SignInUrlsProperties & { ServiceToken: string }>;

/** The only Cognito calls this module makes, so that a test can stand in for Cognito at the SDK boundary. */
export type CognitoClient = Pick<CognitoIdentityProviderClient, "send">;

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

export function createSignInUrlsHandler(cognito: CognitoClient) {
  return async (event: SignInUrlsEvent): Promise<CdkCustomResourceResponse> => {
    const { UserPoolId, ClientId, Urls } = event.ResourceProperties;
    const physicalResourceId = `${UserPoolId}/${ClientId}`;
    switch (event.RequestType) {
      case "Create":
        await changeUrls(cognito, { UserPoolId, ClientId }, { add: Urls, remove: [] });
        break;
      case "Update": {
        const old = event.OldResourceProperties;
        // A new client (or pool) is a new resource: CloudFormation then deletes the old one, which cleans up.
        const sameClient = old.UserPoolId === UserPoolId && old.ClientId === ClientId;
        const remove = sameClient ? old.Urls.filter((url) => !Urls.includes(url)) : [];
        await changeUrls(cognito, { UserPoolId, ClientId }, { add: Urls, remove });
        break;
      }
      case "Delete":
        await changeUrls(cognito, { UserPoolId, ClientId }, { add: [], remove: Urls }).catch((error) => {
          // The pool or the client is gone already: nothing of ours is left to remove.
          if (!(error instanceof ResourceNotFoundException)) throw error;
        });
        break;
    }
    return { PhysicalResourceId: physicalResourceId };
  };
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
