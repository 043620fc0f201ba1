// The NLU pipeline, built from a trained model: entities masked, intent classified, and off-topic or unsure
// text sent to FallbackIntent. `understand.ts` builds it from the bundled model; the evaluation builds it from
// models trained without a phrasing family, to see how it copes with phrasings it was never shown.
import { type IntentName, isIntentName } from "../intents";
import { type IntentClassifier, type IntentModel, loadIntentClassifier } from "./classifier";
import { type Entities, extractEntities } from "./entities";
import { type Features, type Piece, toFeatures } from "./features";
import { createVocabulary, type Vocabulary } from "./vocabulary";

export interface IntentScore {
  readonly intent: IntentName;
  readonly score: number;
}

/** What the engine makes of an utterance: its values, its intents ranked, and what its words say (features.ts). */
export interface Understanding extends Omit<Features, "features"> {
  readonly entities: Entities;
  /** Every intent worth mentioning, best first; FallbackIntent first when the text was not understood. */
  readonly ranking: readonly IntentScore[];
}

export interface Nlu {
  understand(utterance: string): Understanding;
  /**
   * The intents an utterance asks for apart from the values it carries: "delete bob" still asks to delete,
   * "bob@example.com, and call him Bob" asks for nothing. Tells a reply to a question from a new request.
   */
  rankRequest(entities: Entities): readonly IntentScore[];
}

export function createNlu(model: IntentModel): Nlu {
  const vocabulary = createVocabulary(model);
  const classifier = loadIntentClassifier(model.classifier);
  return {
    understand: (utterance) => {
      const entities = extractEntities(utterance, vocabulary);
      return { entities, ...classify(classifier, vocabulary, entities.pieces) };
    },
    rankRequest: (entities) =>
      classify(
        classifier,
        vocabulary,
        entities.pieces.filter((piece) => piece.kind === "word"),
      ).ranking,
  };
}

function classify(
  classifier: IntentClassifier,
  vocabulary: Vocabulary,
  pieces: readonly Piece[],
): Omit<Understanding, "entities"> {
  const { features, ...words } = toFeatures(pieces, vocabulary.isCorpusStem);
  const { knownWords, unknownWords } = words;
  const ranked = classifier
    .rank(features)
    .flatMap(({ label, score }) => (isIntentName(label) ? [{ intent: label, score }] : []));
  // Text that names a user in words the domain knows is about users, whatever the off-topic class says
  // ("who is kwabena"): off-topic text shares its question words, never its users.
  const namesUser = pieces.some((piece) => piece.kind === "entity" && piece.slot === "username");
  const ranking =
    namesUser && unknownWords.length === 0 && ranked[0]?.intent === "FallbackIntent"
      ? inDomain(ranked)
      : ranked;
  const best = ranking[0];
  // Off-topic text is mostly words this domain never uses ("what's the weather in paris"); a classifier
  // must pick some label, so these guards decide before it may. How sure it is of an in-domain reading is the
  // dialog's to judge (`dialog/reading.ts`).
  const offTopic =
    knownWords.length === 0 ||
    unknownWords.length > knownWords.length ||
    !best ||
    best.intent === "FallbackIntent";
  const coverage = knownWords.length / Math.max(1, knownWords.length + unknownWords.length);
  return {
    ...words,
    ranking: offTopic ? asFallback(ranking, coverage) : ranking,
  };
}

/** The in-domain intents alone, their scores scaled to sum to 1 again. */
function inDomain(ranking: readonly IntentScore[]): IntentScore[] {
  const rest = ranking.filter(({ intent }) => intent !== "FallbackIntent");
  const total = rest.reduce((sum, { score }) => sum + score, 0);
  return rest.map(({ intent, score }) => ({ intent, score: total > 0 ? score / total : 0 }));
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
