// `npm run train:nlu`: regenerates runtime/nlu/intent-model.json from training/corpus.json.
import { readFile, writeFile } from "node:fs/promises";
import { trainIntentModel } from "./train";

const corpusFile = new URL("./corpus.json", import.meta.url);
const modelFile = new URL("../runtime/nlu/intent-model.json", import.meta.url);

const model = trainIntentModel(JSON.parse(await readFile(corpusFile, "utf8")));
await writeFile(modelFile, `${JSON.stringify(model, null, 2)}\n`);
console.log(`train:nlu: wrote ${modelFile.pathname} (${model.knownWords.length} known words)`);
