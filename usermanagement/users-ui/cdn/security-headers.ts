// The Content-Security-Policy of the distribution's response-headers policy (the sandbox serves the policy's
// headers from the synthesized template).

/**
 * Same origin for everything but sign-in: the SPA loads no third-party code and calls the APIs through /api/*,
 * and it talks to its OpenID issuer (discovery, keys, token endpoint) at the origins given.
 */
export function contentSecurityPolicy(signInOrigins: readonly string[] = []): string {
  const connect = ["'self'", ...signInOrigins].join(" ");
  return (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
    `connect-src ${connect}; frame-ancestors 'none'; base-uri 'self'; form-action 'self'`
  );
}
