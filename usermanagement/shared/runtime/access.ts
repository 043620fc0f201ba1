// Who may do what, defined once: the Cognito user pool and its resource server (CDK), the sandbox's OpenID
// issuer, the routes' authorization scopes and the Users API's authorization all read these names.

/** The group whose members may change users; every other signed-in person only reads. */
export const ADMINS_GROUP = "admins";

/** The resource server the app clients are granted scopes on (Cognito prefixes each scope with it). */
export const RESOURCE_SERVER_IDENTIFIER = "users-api";

/** Scope every route that only reads requires: listing and reading users, and the chat. */
export const READ_SCOPE = `${RESOURCE_SERVER_IDENTIFIER}/read`;

/**
 * Scope every route that creates, changes or deletes users requires. On a machine's token it is the machine's
 * right to change users; on a person's token it only lets the request reach the Users API, which then asks the
 * person's groups (a person's token carries the scopes their app client asked for, whoever they are).
 */
export const WRITE_SCOPE = `${RESOURCE_SERVER_IDENTIFIER}/write`;
