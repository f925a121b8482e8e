/**
 * @module Trains the record model and the modifier model (record-model.ts) on the labelled ideas of
 * bench/fixtures/ideas.json. Each noun the tagger finds is an example of the first, a record if its last word is the last
 * word of one of the idea's labels; the word before such a noun is an example of the second, part of the name if a label
 * with that last word has it just before. Deterministic: the same fixture and readers give the same weights, so a test
 * can tell when record-weights.ts is stale.
 */
import { tagTokens } from "./idea-tagger.ts";
import { listedEntities, proseTokens } from "./idea-lists.ts";
import { features, likelihood, modifierAt, modifierFeatures, readingOf } from "./record-model.ts";
import { tokens } from "./fidelity.ts";
import { readerText, spellOut } from "./spelling.ts";
import { spellingKey } from "./text.ts";

/** A fixture idea: its text, its labels (`a|b` alternatives) and the set it was written in. */
export interface LabelledIdea {
  idea: string;
  entities: string[];
  set?: string;
}

/**
 * Sets the model never trains on, so the benchmark measures it on ideas it has not seen: `unseen-46` to `unseen-53`,
 * the newest, each measured once when it was added (46 to 51 then chose the model's features and thresholds).
 */
export const UNTRAINED_SETS = new Set(Array.from({ length: 8 }, (_, i) => `unseen-${46 + i}`));

/** Passes over the examples, the first step size and how much each pass shrinks it, and the L2 penalty. */
const EPOCHS = 15;
const FIRST_STEP = 0.2;
const STEP_DECAY = 0.8;
const L2 = 1e-4;
/** Weights nearer zero than this are left out of record-weights.ts: a fifth smaller than at 0.05, the same cross-validated figures within 0.1 point. */
const SMALLEST = 0.1;

/** A model's example: its features and whether the answer is yes. */
interface Example {
  feats: string[];
  yes: boolean;
}

/** The examples of `c` for the record model (`records`) and the modifier model (`modifiers`). */
function examples(c: LabelledIdea): { records: Example[]; modifiers: Example[] } {
  const text = readerText(c.idea);
  const tagged = tagTokens(proseTokens(text));
  const listed = listedEntities(text).map((e) => e.name);
  const options = c.entities.flatMap((e) => e.split("|").map((option) => tokens(spellOut(option)).map(spellingKey)));
  const heads = new Set(options.map((words) => words.at(-1)));
  const reading = readingOf(tagged);
  return {
    records: reading.candidates.map((candidate) => ({ feats: features(reading, candidate, listed), yes: heads.has(spellingKey(candidate.head)) })),
    modifiers: reading.candidates.flatMap((candidate) => {
      const modifier = modifierAt(tagged, candidate);
      const head = spellingKey(candidate.head);
      if (!modifier || !heads.has(head)) return [];
      const before = spellingKey(tokens(modifier).at(-1) ?? "");
      return [{ feats: modifierFeatures(tagged, candidate, listed), yes: options.some((words) => words.at(-1) === head && words.at(-2) === before) }];
    }),
  };
}

/** Logistic regression by stochastic gradient descent, examples visited in a fixed pseudo-random order each pass. */
function train(data: Example[]): Record<string, number> {
  const weights: Record<string, number> = Object.create(null);
  let step = FIRST_STEP;
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    for (let k = data.length - 1; k > 0; k--) {
      const j = (k * 7919 + epoch * 31) % (k + 1);
      [data[k], data[j]] = [data[j]!, data[k]!];
    }
    for (const { feats, yes } of data) {
      const error = likelihood(feats, weights) - (yes ? 1 : 0);
      for (const f of feats) weights[f] = (weights[f] ?? 0) - step * (error + L2 * (weights[f] ?? 0));
    }
    step *= STEP_DECAY;
  }
  return Object.fromEntries(Object.entries(weights).filter(([, w]) => Math.abs(w) >= SMALLEST).map(([f, w]): [string, number] => [f, Math.round(w * 1000) / 1000]).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** Both models' weights, trained on the fixture's ideas outside `UNTRAINED_SETS`. */
export function trainRecordModels(ideas: LabelledIdea[]): { records: Record<string, number>; modifiers: Record<string, number> } {
  const all = ideas.filter((c) => !UNTRAINED_SETS.has(c.set ?? "")).map(examples);
  return { records: train(all.flatMap((e) => e.records)), modifiers: train(all.flatMap((e) => e.modifiers)) };
}
