// The security headers of the distribution's response-headers policy, one definition for CloudFront and for the
// local sandbox that mimics it.

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

/** The policy's headers as the sandbox sends them (HSTS left out: it only means something over HTTPS). */
export function securityHeaders(signInOrigins: readonly string[] = []): Record<string, string> {
  return {
    "content-security-policy": contentSecurityPolicy(signInOrigins),
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "strict-origin-when-cross-origin",
  };
}
