// The NLU engine the Chatbot API runs: the pipeline of `engine.ts` with the committed model bundled in.
import type { IntentModel } from "./classifier";
import { createNlu } from "./engine";
import model from "./intent-model.json";

export type { IntentScore, Nlu, Understanding } from "./engine";

// Loading the committed model takes about 2 ms at cold start; training it there would cost far more.
// JSON imports type arrays as lists, not as the tuple the learnings are.
export const bundledNlu = createNlu(model as unknown as IntentModel);
export const { understand, rankRequest } = bundledNlu;
