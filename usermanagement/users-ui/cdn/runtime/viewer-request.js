// The Users UI distribution's viewer-request function (CloudFront Functions, cloudfront-js-2.0), associated
// with the default behaviour only, so the API behaviours' answers reach the browser untouched. The local
// sandbox evaluates this same file for every request that reaches the default behaviour.
//
// - A path under /api/ got here because no API behaviour matched it: answer 404 with an RFC 9457 problem
//   shaped like the APIs' own (the S3 origin would say 403 AccessDenied in XML, which no API client expects).
// - A path whose last segment has no file extension is a route of the single-page app: serve /index.html.
// - Anything else names a file; a missing one gets S3's own 403 through origin access control.

var API_PREFIX = "/api/";

// biome-ignore lint/correctness/noUnusedVariables: CloudFront calls the function named handler.
function handler(event) {
  var request = event.request;
  var uri = request.uri;
  if (uri === "/api" || uri.indexOf(API_PREFIX) === 0) {
    return notFound(uri);
  }
  var lastSegment = uri.slice(uri.lastIndexOf("/") + 1);
  if (lastSegment.indexOf(".") === -1) {
    request.uri = "/index.html";
  }
  return request;
}

function notFound(uri) {
  var problem = {
    type: "tag:usermanagement,2026:not-found",
    title: "Not found",
    status: 404,
    detail: `Nothing is served at ${uri}.`,
  };
  return {
    statusCode: 404,
    statusDescription: "Not Found",
    headers: { "content-type": { value: "application/problem+json" } },
    body: { encoding: "text", data: JSON.stringify(problem) },
  };
}
