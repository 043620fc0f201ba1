// The HTTP headers the Users UI is served with: one definition for the CloudFront distribution (its
// response-headers policy and the deployment's Cache-Control) and for the local sandbox that mimics it.

/** Same origin for everything: the SPA loads no third-party code and calls the APIs through /api/*. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

/** The security headers of the response-headers policy (HSTS too, which only means something over HTTPS). */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "content-security-policy": CONTENT_SECURITY_POLICY,
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "referrer-policy": "strict-origin-when-cross-origin",
};

/** Files under `assets/` have content-hashed names, so a given URL never changes content. */
export const HASHED_ASSETS_CACHE_CONTROL = "public, max-age=31536000, immutable";

/** Everything else, index.html above all, is revalidated on every use so a deployment shows at once. */
export const UNHASHED_CACHE_CONTROL = "no-cache";
