// Custom::CDKBucketDeployment, done as its handler does it (aws-cdk-lib's bucket-deployment-handler/index.py):
// every source asset extracted into one directory, later sources over earlier ones, each source's markers
// replaced in its files (JSON-escaped when its config says so: the values `Source.jsonData` writes); then
// `aws s3 sync` of that directory into the destination bucket, through the Exclude filters then the Include
// filters (the later filter matching a path decides, "Use of Exclude and Include Filters" in the AWS CLI
// reference), with the deployment's system metadata on every object, pruning what the sources no longer hold.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { extname, join, relative, sep } from "node:path";
import type { Buckets } from "../../s3/buckets";
import { type DeployedResource, type DeployedStack, resolved } from "../deployment";

interface BucketDeploymentProperties {
  readonly SourceObjectKeys: readonly string[];
  readonly SourceMarkers?: readonly Record<string, unknown>[];
  readonly SourceMarkersConfig?: readonly { readonly jsonEscape?: boolean | string }[];
  readonly DestinationBucketName: string;
  readonly DestinationBucketKeyPrefix?: string;
  readonly Include?: readonly string[];
  readonly Exclude?: readonly string[];
  readonly SystemMetadata?: Readonly<Record<string, string>>;
  readonly Prune?: boolean | string;
  readonly Extract?: boolean | string;
}

/** The type `aws s3 sync` guesses from a file's extension (Python's mimetypes); S3's default otherwise. */
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  ".html": "text/html",
  ".js": "text/javascript",
  ".css": "text/css",
  ".json": "application/json",
  ".map": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".txt": "text/plain",
  ".woff2": "font/woff2",
};

/**
 * Runs each bucket deployment of `stack` into `buckets`.
 * @param standIn applied to the files whose markers were replaced: the values the sandbox stands in for
 */
export function deployToBuckets(
  stack: DeployedStack,
  buckets: Buckets,
  standIn: (text: string) => string,
): void {
  for (const resource of stack.resources.filter((r) => r.type === "Custom::CDKBucketDeployment")) {
    const properties = resolved(resource) as unknown as BucketDeploymentProperties;
    if (String(properties.Extract ?? true) !== "true") throw notImitated(resource, "Extract: false");
    const files = extractSources(stack, resource, properties, standIn);
    const filters = [
      ...(properties.Exclude ?? []).map((pattern) => ({ include: false, pattern: globPattern(pattern) })),
      ...(properties.Include ?? []).map((pattern) => ({ include: true, pattern: globPattern(pattern) })),
    ];
    const synced = (path: string) =>
      filters.reduce((included, filter) => (filter.pattern.test(path) ? filter.include : included), true);
    const prefix = properties.DestinationBucketKeyPrefix ?? "";
    const metadata = Object.fromEntries(
      Object.entries(properties.SystemMetadata ?? {}).map(([name, value]) => [name.toLowerCase(), value]),
    );
    const keys = new Set<string>();
    for (const [path, body] of files) {
      if (!synced(path)) continue;
      keys.add(`${prefix}${path}`);
      buckets.put(properties.DestinationBucketName, `${prefix}${path}`, {
        body,
        contentType: metadata["content-type"] ?? CONTENT_TYPES[extname(path)] ?? "binary/octet-stream",
        cacheControl: metadata["cache-control"],
      });
    }
    if (String(properties.Prune ?? true) === "true") {
      for (const key of buckets.keys(properties.DestinationBucketName)) {
        if (key.startsWith(prefix) && !keys.has(key) && synced(key.slice(prefix.length))) {
          buckets.delete(properties.DestinationBucketName, key);
        }
      }
    }
  }
}

function extractSources(
  stack: DeployedStack,
  resource: DeployedResource,
  properties: BucketDeploymentProperties,
  standIn: (text: string) => string,
): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  properties.SourceObjectKeys.forEach((objectKey, index) => {
    const directory = stack.assetPath(objectKey);
    if (!directory || !statSync(directory).isDirectory()) {
      throw notImitated(resource, `a source that is not a staged directory (${objectKey})`);
    }
    const markers = Object.entries(properties.SourceMarkers?.[index] ?? {});
    const jsonEscape = String(properties.SourceMarkersConfig?.[index]?.jsonEscape ?? false) === "true";
    for (const file of readdirSync(directory, { recursive: true, encoding: "utf8" })) {
      const path = join(directory, file);
      if (!statSync(path).isFile()) continue;
      let body = readFileSync(path);
      if (markers.length > 0) {
        const text = markers.reduce(
          (content, [marker, value]) => content.split(marker).join(markerValue(value, jsonEscape)),
          body.toString("utf8"),
        );
        body = Buffer.from(standIn(text));
      }
      files.set(relative(directory, path).split(sep).join("/"), body);
    }
  });
  return files;
}

/** A marker's value as the handler writes it: as is, or as the inside of a JSON string (`jsonEscape`). */
function markerValue(value: unknown, jsonEscape: boolean): string {
  if (!jsonEscape) return String(value);
  const json = JSON.stringify(value);
  return json.startsWith('"') ? json.slice(1, -1) : json;
}

/** The AWS CLI's filter patterns: `*` any run of characters, `/` included; `?` one; `[…]` a class. */
function globPattern(pattern: string): RegExp {
  const source = pattern
    .replace(/[.+^${}()|\\]/g, "\\$&")
    .replace(/\*/g, ".*")
    .replace(/\?/g, ".");
  return new RegExp(`^${source}$`, "s");
}

function notImitated(resource: DeployedResource, what: string): Error {
  return new Error(`The sandbox does not imitate ${what} in ${resource.constructPath ?? resource.logicalId}`);
}
