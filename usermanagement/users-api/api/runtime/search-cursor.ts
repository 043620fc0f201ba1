// The opaque `cursor` of a search: the (normalized) search and where the previous page stopped in the search
// index, base64url-encoded JSON. A cursor is refused unless it names a place inside its own search's range, so
// that no cursor, forged or borrowed, can make the query read outside the search it comes with.
import { USERNAME_PATTERN } from "../../../shared/runtime/username";
import { invalidCursor } from "./list-cursor";
import { isPossibleTerm } from "./search-terms";

/** A place in the search index: the term of the last user of a page, and that user. */
export interface SearchPosition {
  readonly term: string;
  readonly username: string;
}

export function encodeSearchCursor(search: string, { term, username }: SearchPosition): string {
  return Buffer.from(JSON.stringify([search, term, username]), "utf8").toString("base64url");
}

/**
 * Where the previous page of `search` stopped.
 * @throws ProblemError 400 when the cursor was not issued by this API for this search.
 */
export function decodeSearchCursor(cursor: string, search: string): SearchPosition {
  let fields: unknown;
  try {
    fields = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw invalidCursor();
  }
  if (!Array.isArray(fields) || fields.length !== 3) throw invalidCursor();
  const [cursorSearch, term, username] = fields;
  const issuedForThisSearch =
    cursorSearch === search &&
    typeof term === "string" &&
    typeof username === "string" &&
    isPossibleTerm(term) &&
    term.startsWith(search) &&
    USERNAME_PATTERN.test(username) &&
    encodeSearchCursor(search, { term, username }) === cursor;
  if (!issuedForThisSearch) throw invalidCursor();
  return { term, username };
}
