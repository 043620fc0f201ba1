// The committed model is generated from the committed corpus, and the evaluation set stays out of both.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import evaluationSet from "../../../../../usermanagement/chatbot-api/nlp/evaluation/evaluation-set.json";
import committedModel from "../../../../../usermanagement/chatbot-api/nlp/runtime/nlu/intent-model.json";
import corpus from "../../../../../usermanagement/chatbot-api/nlp/training/corpus.json";
import { trainIntentModel } from "../../../../../usermanagement/chatbot-api/nlp/training/train";

/** Lowercase words only, so that case and punctuation don't hide a copied utterance. */
const normalise = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}{}@. ]/gu, "")
    .replace(/\s+/g, " ")
    .trim();

describe("the intent model", () => {
  it("is exactly what training on the committed corpus produces (run `npm run train:nlu` after editing it)", () => {
    const trained = trainIntentModel(corpus);

    expect(committedModel).toEqual(JSON.parse(JSON.stringify(trained)));
  });

  it("is trained deterministically", () => {
    expect(JSON.stringify(trainIntentModel(corpus))).toBe(JSON.stringify(trainIntentModel(corpus)));
  });

  it("learns every intent of the contract, the off-topic class included", () => {
    const { labels } = trainIntentModel(corpus).classifier;

    expect([...labels].sort()).toEqual(
      [
        "CreateUser",
        "DeleteUser",
        "FallbackIntent",
        "FindUsers",
        "GetUser",
        "Greeting",
        "Help",
        "ListUsers",
        "UpdateUser",
      ].sort(),
    );
  });

  it("is small enough to bundle", () => {
    const bytes = readFileSync(
      new URL("../../../../../usermanagement/chatbot-api/nlp/runtime/nlu/intent-model.json", import.meta.url),
    ).byteLength;

    expect(bytes).toBeLessThan(30_000);
  });
});

describe("the evaluation set", () => {
  it("shares no utterance with the training corpus", () => {
    const templates = new Set(Object.values(corpus.intents).flat().map(normalise));

    const copied = evaluationSet.cases
      .map(({ text }) => text)
      .filter((text) => templates.has(normalise(text)));

    expect(copied).toEqual([]);
  });

  it("has at least 150 labelled utterances, off-topic ones among them", () => {
    const offTopic = evaluationSet.cases.filter(({ intent }) => intent === "FallbackIntent");

    expect(evaluationSet.cases.length).toBeGreaterThanOrEqual(150);
    expect(offTopic.length).toBeGreaterThanOrEqual(20);
  });
});
