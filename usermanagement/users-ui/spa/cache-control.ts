// The Cache-Control each object of the site is uploaded with; CloudFront's cache policy honours it, and the
// local sandbox sends the same.

/** Files under `assets/` have content-hashed names, so a given URL never changes content. */
export const HASHED_ASSETS_CACHE_CONTROL = "public, max-age=31536000, immutable";

/** Everything else, index.html and config.json above all, is revalidated on every use so a deployment shows at once. */
export const UNHASHED_CACHE_CONTROL = "no-cache";
