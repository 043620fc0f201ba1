// The characters free text may not hold: controls, and Unicode's invisible format characters (category Cf) but
// for the joiners inside a word or an emoji sequence.
import { describe, expect, it } from "vitest";
import { hasFormatCharacters } from "../../../../usermanagement/shared/runtime/control-characters";

describe("hasFormatCharacters", () => {
  it.each([
    [
      "U+202A–U+202E, the bidirectional embeddings and overrides",
      ["\u202A", "\u202B", "\u202C", "\u202D", "\u202E"],
    ],
    ["U+2066–U+2069, the bidirectional isolates", ["\u2066", "\u2067", "\u2068", "\u2069"]],
    ["U+200B, U+200E, U+200F, U+2060, U+FEFF", ["\u200B", "\u200E", "\u200F", "\u2060", "\uFEFF"]],
    ["the soft hyphen and an invisible operator", ["\u00AD", "\u2062"]],
    ["a tag character", ["\u{E0041}"]],
  ])("finds %s inside a name", (_what, characters) => {
    for (const character of characters) expect(hasFormatCharacters(`Bo${character}b`), character).toBe(true);
  });

  it.each([
    ["a joiner at the start", "\u200DBob"],
    ["a joiner at the end", "Bob\u200C"],
    ["a joiner beside a space", "Bob \u200D Smith"],
    ["a joiner beside a digit", "Bob\u200D2"],
  ])("finds a joiner that joins nothing: %s", (_what, text) => {
    expect(hasFormatCharacters(text)).toBe(true);
  });

  it.each([
    ["plain text", "Zoë O'Brien-Núñez"],
    ["a non-joiner in a Persian word", "می\u200Cخواهم"],
    ["a joiner in a Devanagari conjunct", "क्\u200Dष"],
    ["an emoji ZWJ sequence", "\u{1F468}\u200D\u{1F469}\u200D\u{1F467}"],
    ["an emoji ZWJ sequence after a variation selector", "\u2764\uFE0F\u200D\u{1F525}"],
    ["an emoji ZWJ sequence after a skin tone", "\u{1F469}\u{1F3FD}\u200D\u{1F4BB}"],
  ])("finds none in %s", (_what, text) => {
    expect(hasFormatCharacters(text)).toBe(false);
  });
});
