/** @module Whether a retrieved pattern is relevant to the app being designed: similar enough, and about the same records. Calibrated on relevance-labels.json. */
import type { RetrievedPattern } from "../agents/types.ts";
import { singular } from "../offline/text.ts";

/**
 * The gate, calibrated on the labelled pairs of relevance-labels.json (relevance.test.ts sweeps both
 * and asserts these sit where the labels are best told apart): a pattern must share at least
 * MIN_SHARED of the app's records and reach MIN_SIMILARITY (cosine, feature-hashing embedder).
 */
export const MIN_SIMILARITY = 0.1;
export const MIN_SHARED = 2;
/** A pattern whose apps kept failing (its success_score lowered by the learning loop) is no longer passed on. */
export const MIN_SUCCESS = 0.5;

/** A retrieval decision, as the job's timeline shows it. */
export interface PatternDecision {
  name: string;
  similarity: number | null;
  /** The app's records the pattern also has. */
  shared: string[];
  taken: boolean;
  reason: string;
}

/** `pet_or_asset` → [["pet"], ["asset"]]; `visit_note` → [["visit", "note"]]: a pattern entity's alternatives, as singular words. */
const alternatives = (entity: string) => entity.toLowerCase().split(/_or_|\|/).map((option) => option.split(/[^a-z0-9]+/).filter(Boolean).map(singular));

/** The app's records (`fuel receipt`) that the pattern's entities or page routes name, by the whole name or its head noun. */
export function sharedRecords(pattern: RetrievedPattern, records: string[]): string[] {
  const named = [
    ...(pattern.metadata.entities ?? []).flatMap(alternatives),
    ...(pattern.metadata.pages ?? []).map((page) => page.path.split("/").filter((s) => s && !s.startsWith(":")).flatMap((s) => s.toLowerCase().split(/[^a-z0-9]+/)).map(singular)),
  ];
  return records.filter((record) => {
    const words = record.split(" ");
    return named.some((option) => option.join(" ") === record || (words.length === 1 && option.at(-1) === record) || (option.length === 1 && words.at(-1) === option[0]));
  });
}

/** Each pattern's decision for an app with `records`: taken when similar enough and sharing enough records, else why not. */
export function judgePatterns(patterns: RetrievedPattern[], records: string[]): PatternDecision[] {
  const needed = Math.min(MIN_SHARED, Math.max(1, records.length));
  return patterns.map((pattern) => {
    const similarity = pattern.similarity ?? null;
    const shared = sharedRecords(pattern, records);
    const base = { name: pattern.metadata.name, similarity, shared };
    if (pattern.success_score != null && pattern.success_score < MIN_SUCCESS) return { ...base, taken: false, reason: `success score ${pattern.success_score} is under ${MIN_SUCCESS}: apps built on it failed` };
    if (similarity !== null && similarity < MIN_SIMILARITY) return { ...base, taken: false, reason: `similarity ${similarity.toFixed(3)} is under ${MIN_SIMILARITY}` };
    if (shared.length < needed) return { ...base, taken: false, reason: shared.length ? `shares only ${shared.join(", ")} of the app's records (needs ${needed})` : "shares none of the app's records" };
    return { ...base, taken: true, reason: `shares ${shared.join(", ")}${similarity === null ? "" : ` at similarity ${similarity.toFixed(3)}`}` };
  });
}
