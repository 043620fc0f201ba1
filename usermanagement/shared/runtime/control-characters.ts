// Free text (display names, chat slots) may hold any character but those that are not text: the C0/C1 controls,
// which break logs and terminals, and the invisible format characters, which change how the text around them
// is shown (U+202E turns what follows backwards, in the users table as anywhere) or hide in it (U+200B, U+FEFF).
// No one types either into a name on purpose.

export const CONTROL_CHARACTERS = /\p{Cc}/u;

export const CONTROL_CHARACTERS_MESSAGE = "must not contain control characters";

/**
 * Unicode's format characters (general category Cf): the bidirectional embeddings, overrides and isolates
 * (U+202A–U+202E, U+2066–U+2069), the marks LRM/RLM (U+200E, U+200F), zero-width spaces and joiners (U+200B–
 * U+200D, U+2060, U+FEFF), the soft hyphen, invisible operators and tags. The category is the rule, rather than a
 * list, so that a character Unicode adds to it later is refused too. One use is allowed: the zero-width
 * non-joiner and joiner (U+200C, U+200D) between two letters, marks or emoji, where Persian and Indic spelling
 * and emoji sequences (👩‍💻) need them and they can't reorder anything. Emoji tag sequences (subdivision flags)
 * are refused with the tags they are made of.
 */
const FORMAT_CHARACTER = /\p{Cf}/u;
const JOINER_IN_A_WORD =
  /(?<=[\p{L}\p{M}\p{Extended_Pictographic}\p{Emoji_Modifier}])[\u200C\u200D](?=[\p{L}\p{M}\p{Extended_Pictographic}])/gu;

export const hasFormatCharacters = (value: string): boolean =>
  FORMAT_CHARACTER.test(value.replace(JOINER_IN_A_WORD, ""));

export const FORMAT_CHARACTERS_MESSAGE =
  "must not contain invisible format characters (Unicode's category Cf), such as U+202E, which reverses the " +
  "text after it, or U+200B, a zero-width space; U+200C and U+200D only between letters or emoji";
