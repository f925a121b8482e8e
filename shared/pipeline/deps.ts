/** @module What the agent plans need from outside: a model, pattern retrieval and storage, embeddings. */
import type { AgentModel, CheckOptions, RetrievedPattern } from "../agents/index.ts";
import type { PatternDescription } from "../patterns/library.ts";

/** A successful architecture to remember as a pattern (a `pattern_embeddings` row). */
export interface NewPattern {
  project_type: string;
  embedding: number[];
  /** The seeded library's metadata, plus where it came from. */
  metadata: PatternDescription & {
    source: "generated";
    project_id: string;
    job_id: string;
    model: string;
  };
  /** 0-1: how well the generated app did in QA. */
  success_score: number;
}

/**
 * The plans' dependencies, injected so functions can wire them to the database.
 * @example
 * const deps: PipelineDeps = {
 *   model: createOfflineAgentModel(),
 *   embed: (texts) => embedder.embed(texts),
 *   retrievePatterns: async (embedding, type, count) =>
 *     (await service.rpc("match_patterns", { query_embedding: JSON.stringify(embedding), query_model: embedder.model, match_count: count, filter_type: type })).data ?? [],
 *   storePattern: async (p) => void (await service.from("pattern_embeddings").insert({ ...p, embedding: JSON.stringify(p.embedding), embedding_model: embedder.model }).throwOnError()),
 *   projectFilePaths: async (id) => ((await service.from("project_files").select("path").eq("project_id", id)).data ?? []).map((f) => f.path),
 * };
 */
export interface PipelineDeps {
  model: AgentModel;
  /** The `count` nearest patterns to `embedding`, of `projectType` (or any type when null), nearest first. */
  retrievePatterns(embedding: number[], projectType: string | null, count: number): Promise<RetrievedPattern[]>;
  /** Remembers a passed pipeline's architecture (called at most once per job; `metadata.job_id` identifies it). */
  storePattern(pattern: NewPattern): Promise<void>;
  /** Moves a pattern's `success_score` by `delta` (kept within 0–1) and returns the new score; absent where patterns cannot be scored. */
  adjustPatternScore?(patternId: string, delta: number): Promise<number | null>;
  /** 1536-d embeddings of `texts`, in order; retrieval and storage compare and record vectors of this embedder's model only. */
  embed(texts: string[]): Promise<number[][]>;
  /** The paths of the project's files as stored now, so a rewrite is told apart from a new file. */
  projectFilePaths(projectId: string): Promise<string[]>;
  /** The passages of the project's documents nearest `text`, nearest first; none when absent (and then `text` is not embedded). */
  retrieveDocuments?(projectId: string, text: string, count: number): Promise<{ filename: string; content: string }[]>;
  /** How many patterns the wireframe agent gets (default 3). */
  patternCount?: number;
  /**
   * Whether a pipeline runs the fix loop (sandbox attempts and fix passes) when its
   * `params.sandbox` does not say: true only where a sandbox runner claims `sandbox_runs`.
   */
  sandbox?: boolean;
  /** How long a job waits for a sandbox run before going on without it (default 300 s). */
  sandboxWaitSeconds?: number;
  /** The project's `settings.max_fix_attempts`: sandbox attempts per job (default 3). */
  maxFixAttempts?(projectId: string): Promise<number | undefined>;
  /** Options of the QA agent's static checks. */
  qa?: CheckOptions;
}
