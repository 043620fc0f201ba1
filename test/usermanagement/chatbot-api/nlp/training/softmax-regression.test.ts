// The intent classifier's trainer: it learns what tells labels apart, reproducibly, and keeps the model small.
import { describe, expect, it } from "vitest";
import { loadIntentClassifier } from "../../../../../usermanagement/chatbot-api/nlp/runtime/nlu/classifier";
import { trainSoftmax } from "../../../../../usermanagement/chatbot-api/nlp/training/softmax-regression";

const EXAMPLES = [
  { features: ["#delete", "<username>"], label: "DeleteUser" },
  { features: ["#delete", "#person", "<username>"], label: "DeleteUser" },
  { features: ["#read", "<username>"], label: "GetUser" },
  { features: ["#read", "#person", "<username>"], label: "GetUser" },
  { features: ["#read", "#person", "<people>"], label: "ListUsers" },
  { features: ["<unknown>", "<unknown>"], label: "FallbackIntent" },
];

describe("trainSoftmax", () => {
  const classifier = loadIntentClassifier(trainSoftmax(EXAMPLES));

  it("ranks the label the features point to first, with confidences that sum to 1", () => {
    const ranking = classifier.rank(["#delete", "<username>"]);

    expect(ranking[0].label).toBe("DeleteUser");
    expect(ranking.reduce((sum, { score }) => sum + score, 0)).toBeCloseTo(1, 6);
  });

  it("weighs features against each other: a plural of people makes a read a list", () => {
    expect(classifier.rank(["#read", "<username>"])[0].label).toBe("GetUser");
    expect(classifier.rank(["#read", "<people>"])[0].label).toBe("ListUsers");
  });

  it("ranks nothing for features it never saw", () => {
    expect(classifier.rank(["<never-seen>"])).toEqual([]);
  });

  it("is reproducible: the same examples give the same model", () => {
    expect(JSON.stringify(trainSoftmax(EXAMPLES))).toBe(JSON.stringify(trainSoftmax(EXAMPLES)));
  });
});
