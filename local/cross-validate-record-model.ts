/**
 * @module `npm run cv:record-model`: four-fold cross-validation of the offline reader's record model, to choose its
 * features and thresholds on more ideas than one blind set holds. The sets `unseen-30` onwards are dealt into four
 * folds by number; for each, the models train on the rest of the fixture (as `npm run gen:record-weights` does, so
 * never on `UNTRAINED_SETS`) and read the fold's ideas. Prints, for each pair of thresholds, the share of the labels
 * an idea names in its own words that name a record's page, and the share of those pages that name a label (see
 * fidelity.ts). `ADD=0.25,0.3 KEEP=0.06` picks the pairs; the defaults are the trained model's.
 * Ideas whose rules find fewer than two records are left out: the model never reads them.
 */
import { readFile } from "node:fs/promises";
import { fidelityOf } from "../shared/offline/fidelity.ts";
import { listedEntities } from "../shared/offline/idea-lists.ts";
import { TRAINED, recordsNamed } from "../shared/offline/record-model.ts";
import { trainRecordModels, type LabelledIdea } from "../shared/offline/record-training.ts";
import { readerText } from "../shared/offline/spelling.ts";
import { listPath } from "../shared/offline/wireframe.ts";

const FOLDS = 4;
const FIRST_SET = 30;
const thresholds = (name: string, trained: number) => (process.env[name] ?? String(trained)).split(",").map(Number);
const pairs = thresholds("ADD", TRAINED.add).flatMap((add) => thresholds("KEEP", TRAINED.keep).map((keep) => ({ add, keep })));

const { ideas } = JSON.parse(await readFile(new URL("../bench/fixtures/ideas.json", import.meta.url), "utf8")) as { ideas: LabelledIdea[] };
const setNumber = (c: LabelledIdea) => Number(/^unseen-(\d+)$/.exec(c.set ?? "")?.[1] ?? 0);
const totals = pairs.map(() => ({ named: 0, found: 0, pages: 0, labelled: 0 }));
for (let fold = 0; fold < FOLDS; fold++) {
  const inFold = (c: LabelledIdea) => setNumber(c) >= FIRST_SET && setNumber(c) % FOLDS === fold;
  const weights = trainRecordModels(ideas.filter((c) => !inFold(c)));
  const read = ideas.filter(inFold).map((c) => ({ c, text: readerText(c.idea) })).filter(({ text }) => listedEntities(text).length >= 2);
  for (const [i, { add, keep }] of pairs.entries()) {
    for (const { c, text } of read) {
      const paths = recordsNamed(text, { ...weights, add, keep }).map(listPath);
      const score = fidelityOf(c.idea, c.entities, paths);
      const missed = score.missing.filter((e) => !score.implied.includes(e)).length;
      const total = totals[i]!;
      total.named += c.entities.length - score.implied.length;
      total.found += c.entities.length - score.implied.length - missed;
      total.pages += paths.length;
      total.labelled += paths.length - score.unlabelled.length;
    }
  }
}
const pct = (part: number, whole: number) => `${((100 * part) / whole).toFixed(2)}%`;
for (const [i, { add, keep }] of pairs.entries()) {
  const t = totals[i]!;
  console.log(`add ${add}, keep ${keep}: named recall ${pct(t.found, t.named)} of ${t.named}, labelled pages ${pct(t.labelled, t.pages)} of ${t.pages}`);
}
