// The sandbox's S3: buckets of objects in memory, each object with the metadata it was uploaded with, as a
// deployment (e.g. CDK's BucketDeployment) puts them there and an origin reads them back.
import { createHash } from "node:crypto";

export interface S3Object {
  readonly body: Buffer;
  readonly contentType: string;
  /** @default - none */
  readonly cacheControl?: string;
  /** S3's ETag of a single-part upload: the MD5 of the body, quoted. */
  readonly etag: string;
}

export interface Buckets {
  put(bucket: string, key: string, object: Omit<S3Object, "etag">): void;
  get(bucket: string, key: string): S3Object | undefined;
  keys(bucket: string): string[];
  delete(bucket: string, key: string): void;
}

export function createBuckets(): Buckets {
  const buckets = new Map<string, Map<string, S3Object>>();
  return {
    put(bucket, key, object) {
      let objects = buckets.get(bucket);
      if (!objects) {
        objects = new Map();
        buckets.set(bucket, objects);
      }
      objects.set(key, { ...object, etag: `"${createHash("md5").update(object.body).digest("hex")}"` });
    },
    get: (bucket, key) => buckets.get(bucket)?.get(key),
    keys: (bucket) => [...(buckets.get(bucket)?.keys() ?? [])],
    delete: (bucket, key) => {
      buckets.get(bucket)?.delete(key);
    },
  };
}
