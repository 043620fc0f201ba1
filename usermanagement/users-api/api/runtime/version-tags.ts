// A user's version as an HTTP entity tag, and the `If-Match` preconditions that refer to it (RFC 9110 §13.1.1).
// No runtime dependency: a client importing `entityTag` from here (rather than contract.ts) bundles nothing more.
import { entityTag } from "./contract";

export { entityTag };

// entity-tag = [ "W/" ] DQUOTE *etagc DQUOTE, etagc = %x21 / %x23-7E / obs-text (RFC 9110 §8.8.3). A header
// value reaches us as a ByteString, so obs-text is \x80-\xff.
const TAG = String.raw`(?:W\/)?"[\x21\x23-\x7e\x80-\xff]*"`;
// A list may carry empty elements, which a recipient must ignore (RFC 9110 §5.6.1.2).
const TAG_LIST = new RegExp(String.raw`^[ \t,]*${TAG}(?:[ \t]*,[ \t,]*${TAG})*[ \t,]*$`);

/** DynamoDB's `IN` takes at most 100 operands; no client needs more versions than that in one precondition. */
export const MAX_IF_MATCH_VERSIONS = 100;

/**
 * The versions an `If-Match` header accepts: `undefined` when it demands none (absent, or `*`: the user only has to
 * exist), else the versions whose tag the list names. The comparison is strong and exact: a weak tag never matches,
 * and `"04"` is not the tag of version 4. A header that is not a list of tags matches nothing (an empty list).
 * @throws TooManyEntityTagsError when the header names more versions than one conditional write can check.
 */
export function expectedVersions(ifMatch: string | null): readonly number[] | undefined {
  if (ifMatch === null || ifMatch.trim() === "*") return undefined;
  if (!TAG_LIST.test(ifMatch)) return [];
  const versions = new Set<number>();
  for (const [tag] of ifMatch.matchAll(new RegExp(TAG, "g"))) {
    // Only a tag this API issues for some version (1, 2, …) can match, `entityTag` being the one source of the
    // format: any other tag, weak or strong, names a version no user has.
    const version = Number(tag.slice(1, -1));
    if (Number.isSafeInteger(version) && version >= 1 && entityTag(version) === tag) versions.add(version);
  }
  if (versions.size > MAX_IF_MATCH_VERSIONS) {
    throw new TooManyEntityTagsError();
  }
  return [...versions];
}

export class TooManyEntityTagsError extends Error {
  constructor() {
    super(
      `If-Match names more than ${MAX_IF_MATCH_VERSIONS} versions; send the tag of the version you read.`,
    );
    this.name = "TooManyEntityTagsError";
  }
}
