// `npm run train:nlu`: regenerates runtime/nlu/intent-model.json from training/corpus.json, formatted as the
// repository's formatter (Biome) lays JSON out, so that a regenerated model passes `npm run lint` unchanged.
import { execFileSync } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { trainIntentModel } from "./train";

const corpusFile = new URL("./corpus.json", import.meta.url);
const modelFile = new URL("../runtime/nlu/intent-model.json", import.meta.url);

const model = trainIntentModel(JSON.parse(await readFile(corpusFile, "utf8")));
await writeFile(modelFile, `${JSON.stringify(model, null, 2)}\n`);
execFileSync("npx", ["biome", "format", "--write", fileURLToPath(modelFile)], { stdio: "ignore" });
console.log(`train:nlu: wrote ${modelFile.pathname} (${model.knownWords.length} known words)`);
