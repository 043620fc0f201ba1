// Splits an utterance into tokens that keep their place in the original text, so that slot values can be
// sliced out verbatim ("Grace M. Hopper") while the classifier works on lowercase words.

export type TokenKind = "word" | "email" | "quoted" | "punctuation";

export interface Token {
  readonly kind: TokenKind;
  /** The token as typed; for a quoted token, the text between the quotes. */
  readonly text: string;
  /** `text` lowercased, the form every comparison uses. */
  readonly lower: string;
  /** Offsets of the token in the utterance, quotes and possessive `'s` included. */
  readonly start: number;
  readonly end: number;
  /** The word was followed by `'s` ("bob's"), which marks a username in "bob's email". */
  readonly possessive: boolean;
}

// Alternatives in priority order. Emails and quoted text must win over words, since both contain words.
// A quote only opens at the start of a word ("'Oscar Wilde'"), never inside one ("bob's", "I'd").
const TOKEN_PATTERN = new RegExp(
  [
    // Anything written as an address is one, even a broken one ("bob@example"): the slot rule refuses it
    // and the bot says so, rather than reading its parts as words.
    String.raw`(?<email>[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*)`,
    `"(?<double>[^"]+)"`,
    "“(?<curly>[^”]+)”",
    String.raw`(?<![\p{L}\p{N}])['‘](?<single>[^'’]+)['’](?![\p{L}\p{N}])`,
    // Apostrophes inside words keep contractions whole ("don't", "i'm"); a trailing `'s` is split off below.
    String.raw`(?<word>[\p{L}\p{N}](?:[\p{L}\p{N}_-]|['’](?=\p{L})|\.(?=[\p{L}\p{N}]))*)`,
    String.raw`(?<punctuation>[^\s\p{L}\p{N}])`,
  ].join("|"),
  "gu",
);

const POSSESSIVE_SUFFIX = /['’]s$/i;
const CLAUSE_BREAKS = /^[,;.!?:–—]$/;

/** Punctuation that ends a clause: "ilse has left the company, remove her". */
export const isClauseBreak = (token: Token) => token.kind === "punctuation" && CLAUSE_BREAKS.test(token.text);

export function tokenize(utterance: string): Token[] {
  const tokens: Token[] = [];
  for (const match of utterance.matchAll(TOKEN_PATTERN)) {
    const groups = match.groups ?? {};
    const start = match.index;
    const end = start + match[0].length;
    const quoted = groups.double ?? groups.curly ?? groups.single;
    if (groups.email !== undefined) {
      tokens.push(token("email", groups.email, start, end));
    } else if (quoted !== undefined) {
      tokens.push(token("quoted", quoted.trim(), start, end));
    } else if (groups.word !== undefined) {
      const possessive = POSSESSIVE_SUFFIX.test(groups.word);
      const word = possessive ? groups.word.slice(0, -2) : groups.word;
      tokens.push(token("word", word, start, end, possessive));
    } else {
      tokens.push(token("punctuation", match[0], start, end));
    }
  }
  return tokens;
}

function token(kind: TokenKind, text: string, start: number, end: number, possessive = false): Token {
  return { kind, text, lower: text.toLowerCase(), start, end, possessive };
}
