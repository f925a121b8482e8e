import { describe, expect, it } from "vitest";
import { patternQueryText } from "../agents/wireframe.ts";
import type { RetrievedPattern } from "../agents/types.ts";
import { cosineSimilarity, embedText } from "../embeddings/feature-hashing.ts";
import { offlineResearch } from "../offline/research.ts";
import { profileOfRequirements } from "../offline/wireframe.ts";
import { patternLibrary, patternText } from "./library.ts";
import labelled from "./relevance-labels.json" with { type: "json" };
import { judgePatterns, MIN_SHARED, MIN_SIMILARITY, sharedRecords } from "./relevance.ts";

/** Every labelled idea against every library pattern: similarity, shared records and the label. */
const pairs = labelled.labels.flatMap(({ idea, relevant }) => {
  const requirements = offlineResearch({ user_idea: idea });
  const records = profileOfRequirements(requirements).entities.map((e) => e.name);
  const query = embedText(patternQueryText(requirements));
  return patternLibrary.map((p) => {
    const pattern: RetrievedPattern = { project_type: p.project_type, similarity: cosineSimilarity(query, embedText(patternText(p))), metadata: { ...p } };
    return { idea, pattern, records, shared: sharedRecords(pattern, records).length, relevant: relevant.includes(p.name) };
  });
});

/** Share of pairs a gate (similarity, shared) gets right, and of the relevant ones it takes. */
function score(minSimilarity: number, minShared: number) {
  const taken = pairs.map((p) => p.pattern.similarity! >= minSimilarity && p.shared >= minShared);
  const right = taken.filter((t, i) => t === pairs[i]!.relevant).length;
  const relevant = pairs.filter((p) => p.relevant).length;
  return { accuracy: right / pairs.length, recall: taken.filter((t, i) => t && pairs[i]!.relevant).length / relevant, wrong: pairs.length - right };
}

describe("the retrieval gate, calibrated on the labelled set", () => {
  it("has a labelled set that covers relevant and unrelated patterns", () => {
    expect(labelled.labels.length).toBeGreaterThanOrEqual(30);
    expect(pairs.filter((p) => p.relevant).length).toBeGreaterThanOrEqual(25);
  });

  it("sits at the thresholds that make the fewest mistakes on it", () => {
    const chosen = score(MIN_SIMILARITY, MIN_SHARED);
    let best = chosen.wrong;
    for (let s = 0; s <= 0.3; s += 0.01) for (const n of [1, 2, 3]) best = Math.min(best, score(s, n).wrong);
    expect(chosen.wrong).toBe(best);
    expect(chosen.accuracy).toBeGreaterThanOrEqual(0.99);
    expect(chosen.recall).toBeGreaterThanOrEqual(0.9);
  });

  it("keeps another app's pattern away from an unrelated idea, and says why", () => {
    const bakery: RetrievedPattern = {
      project_type: "operations", similarity: 0.31,
      metadata: { name: "Bakery Inventory", pages: [{ path: "/ingredients", purpose: "list" }, { path: "/recipes", purpose: "list" }], entities: ["ingredient", "supplier", "recipe", "order"] },
    };
    const [decision] = judgePatterns([bakery], ["van", "driver", "service", "fuel receipt"]);
    expect(decision).toMatchObject({ name: "Bakery Inventory", taken: false, shared: [], reason: "shares none of the app's records" });
    const [low] = judgePatterns([{ ...bakery, similarity: 0.05 }], ["ingredient", "recipe"]);
    expect(low).toMatchObject({ taken: false, reason: "similarity 0.050 is under 0.1" });
    const [fits] = judgePatterns([bakery], ["ingredient", "supplier", "recipe", "order"]);
    expect(fits).toMatchObject({ taken: true, shared: ["ingredient", "supplier", "recipe", "order"] });
    const [failing] = judgePatterns([{ ...bakery, success_score: 0.4 }], ["ingredient", "supplier", "recipe", "order"]);
    expect(failing).toMatchObject({ taken: false, reason: "success score 0.4 is under 0.5: apps built on it failed" });
  });
});
