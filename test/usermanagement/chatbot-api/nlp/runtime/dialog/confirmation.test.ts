// Replies people give to "Delete user bob? (yes/no)": only an unambiguous yes may confirm a deletion.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readConfirmation } from "../../../../../../usermanagement/chatbot-api/nlp/runtime/dialog/confirmation";

const YES: readonly string[] = [
  "yes",
  "Yes!",
  "YES",
  "y",
  "yes please",
  "sure",
  "Sure, go ahead",
  "go ahead",
  "yep do it",
  "yeah, go for it",
  "confirm",
  "ok",
  "okay, thanks",
  "k",
  "absolutely",
  "of course",
  "definitely",
  "please do",
  "yes, I'm sure",
  "yes I am sure",
  "correct",
  "yes, delete him",
  "yes delete bob",
  "delete it",
  "no problem, go ahead",
  "alright then",
  // Phrases that say yes only as a whole.
  "go for it",
  "just do it",
  "no worries",
  "sounds good",
  "yes (please)",
];

/** Said of the user under confirmation, bob: none of these may delete him. */
const NOT_YES: readonly (readonly [string, "no" | "unclear"])[] = [
  // Negated yes-words.
  ["absolutely not", "no"],
  ["definitely not", "no"],
  ["certainly not", "no"],
  ["of course not", "no"],
  ["not right now", "no"],
  ["do not do it", "no"],
  ["don't do it", "no"],
  ["not ok", "no"],
  ["Sure, but not now", "no"],
  ["ok no wait", "no"],
  ["yes... no, wait", "no"],
  ["never", "no"],
  ["not yet", "no"],
  ["perhaps not", "no"],
  ["sure, why not", "no"],
  ["sure I don't", "no"],
  ["I'm sure not", "no"],
  // A clause of its own for the no: "sure" after the comma is no doubt about the "not".
  ["Not now, I'm sure.", "no"],
  // Plain refusals.
  ["no", "no"],
  ["No, don't!", "no"],
  ["nope", "no"],
  ["nah", "no"],
  ["cancel", "no"],
  ["stop", "no"],
  ["no way", "no"],
  ["never mind", "no"],
  ["I changed my mind", "no"],
  ["hold on", "no"],
  ["no, keep him", "no"],
  // Doubt and hedges.
  ["not sure", "unclear"],
  ["I'm not sure", "unclear"],
  ["I am not so sure", "unclear"],
  ["I don't know", "unclear"],
  ["not sure, but yes", "unclear"],
  ["no idea", "unclear"],
  ["kind of", "unclear"],
  ["yes, sort of", "unclear"],
  ["maybe", "unclear"],
  ["maybe later", "unclear"],
  ["probably", "unclear"],
  ["I think so", "unclear"],
  ["I guess", "unclear"],
  ["hmm, ok", "unclear"],
  ["sort of", "unclear"],
  // Questions.
  ["yes?", "unclear"],
  ["ok?", "unclear"],
  ["are you sure?", "unclear"],
  ["what?", "unclear"],
  // Yes mixed with another request.
  ["sure, but delete alice instead", "unclear"],
  ["ok show me alice first", "unclear"],
  ["yes, delete alice", "unclear"],
  ["yes and add carol", "unclear"],
  // Neither.
  ["banana", "unclear"],
  ["thanks", "unclear"],
];

describe("a reply to a deletion's confirmation", () => {
  it.each(YES)("confirms on the unambiguous yes %j", (reply) => {
    expect(readConfirmation(reply, "bob")).toBe("yes");
  });

  it.each(NOT_YES)("never confirms on %j (reads it as %s)", (reply, reading) => {
    expect(readConfirmation(reply, "bob")).toBe(reading);
  });

  it("reads a hedge as a hedge even when it is the name of the user in question", () => {
    expect(readConfirmation("yes maybe", "maybe")).toBe("unclear");
    expect(readConfirmation("yes", "maybe")).toBe("yes");
  });
});

describe("any reply", () => {
  const yesWords = [
    "yes",
    "sure",
    "ok",
    "absolutely",
    "of course",
    "go ahead",
    "do it",
    "definitely",
    "please",
  ];
  const spoilers = [
    "not",
    "don't",
    "never",
    "can't",
    "maybe",
    "probably",
    "I think",
    "?",
    "alice",
    "instead",
  ];
  const reply = fc
    .tuple(
      fc.array(fc.constantFrom(...yesWords), { maxLength: 4 }),
      fc.constantFrom(...spoilers),
      fc.array(fc.constantFrom(...yesWords), { maxLength: 4 }),
      fc.constantFrom(" ", ", ", " "),
    )
    .map(([before, spoiler, after, gap]) => [...before, spoiler, ...after].join(gap));

  it("is no yes when it holds a negator, a hedge, a question or another request, wherever it stands", () => {
    fc.assert(
      fc.property(reply, (text) => readConfirmation(text, "bob") !== "yes"),
      { numRuns: 2000 },
    );
  });
});
