// The NLU pipeline: entities masked, intent classified, and off-topic or unsure text sent to FallbackIntent.
import { type IntentName, isIntentName } from "../intents";
import { type IntentModel, loadIntentClassifier } from "./classifier";
import { type Entities, extractEntities } from "./entities";
import { type Piece, toFeatures } from "./features";
import model from "./intent-model.json";
import { createVocabulary } from "./vocabulary";

export interface IntentScore {
  readonly intent: IntentName;
  readonly score: number;
}

export interface Understanding {
  readonly entities: Entities;
  /** Every intent worth mentioning, best first; FallbackIntent first when the text was not understood. */
  readonly ranking: readonly IntentScore[];
  /** Content words of the utterance (entities aside) that the in-domain training corpus contains. */
  readonly knownWords: readonly string[];
}

/** Below this, the best intent is a guess; Lex's default confidence threshold is 0.4. */
export const MIN_CONFIDENCE = 0.5;

// Loading the committed model takes about 2 ms at cold start; training it there would cost far more.
// JSON imports type arrays as lists, not as the tuple the learnings are.
const intentModel = model as unknown as IntentModel;
const vocabulary = createVocabulary(intentModel);
const classifier = loadIntentClassifier(intentModel);

export function understand(utterance: string): Understanding {
  const entities = extractEntities(utterance, vocabulary);
  return { entities, ...classify(entities.pieces) };
}

/**
 * The intents an utterance asks for apart from the values it carries: "delete bob" still asks to delete,
 * "bob@example.com, and call him Bob" asks for nothing. Tells a reply to a question from a new request.
 */
export function rankRequest(entities: Entities): readonly IntentScore[] {
  return classify(entities.pieces.filter((piece) => piece.kind === "word")).ranking;
}

function classify(pieces: readonly Piece[]): Omit<Understanding, "entities"> {
  const { features, knownWords, unknownWordCount } = toFeatures(pieces, classifier.isInDomainStem);
  const ranking = classifier
    .rank(features)
    .flatMap(({ label, score }) => (isIntentName(label) ? [{ intent: label, score }] : []));
  const best = ranking[0];
  // Off-topic text is mostly words this domain never uses ("what's the weather in paris"); a classifier
  // must pick some label, so these guards decide before it may.
  const offTopic =
    knownWords.length === 0 ||
    unknownWordCount > knownWords.length ||
    !best ||
    best.intent === "FallbackIntent" ||
    best.score < MIN_CONFIDENCE;
  const coverage = knownWords.length / Math.max(1, knownWords.length + unknownWordCount);
  return { ranking: offTopic ? asFallback(ranking, coverage) : ranking, knownWords };
}

/**
 * FallbackIntent first, then the real intents. Their scores shrink with the share of words the domain
 * doesn't know, and FallbackIntent is as sure as the best of them is unsure, so the list stays best first.
 */
function asFallback(ranking: readonly IntentScore[], coverage: number): IntentScore[] {
  const inDomain = ranking
    .filter(({ intent }) => intent !== "FallbackIntent")
    .map(({ intent, score }) => ({ intent, score: score * coverage }));
  return [{ intent: "FallbackIntent", score: 1 - (inDomain[0]?.score ?? 0) }, ...inDomain];
}
