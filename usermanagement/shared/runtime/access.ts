// Who may do what, defined once: the Cognito user pool and its resource server (CDK), the sandbox's OpenID
// issuer, and the Users API's authorization all read these names.

/** The group whose members may change users; every other signed-in person only reads. */
export const ADMINS_GROUP = "admins";

/** The resource server machine clients are granted scopes on (Cognito prefixes each scope with it). */
export const RESOURCE_SERVER_IDENTIFIER = "users-api";

/** Scope of a machine client that may only read users and chat. */
export const READ_SCOPE = `${RESOURCE_SERVER_IDENTIFIER}/read`;

/** Scope of a machine client that may also create, change and delete users. */
export const WRITE_SCOPE = `${RESOURCE_SERVER_IDENTIFIER}/write`;
