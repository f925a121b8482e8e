/** @module Dependencies that need no database: patterns from the built-in library, the offline embedder, patterns kept in memory, no stored files. */
import type { RetrievedPattern } from "../agents/types.ts";
import { cosineSimilarity, embedText } from "../embeddings/feature-hashing.ts";
import { createOfflineAgentModel } from "../offline/model.ts";
import { patternLibrary, patternText } from "../patterns/library.ts";
import type { NewPattern, PipelineDeps } from "./deps.ts";

/**
 * `PipelineDeps` in memory: the offline model (unless one is given), the
 * feature-hashing embedder, retrieval over the built-in pattern library plus
 * patterns stored so far (as `match_patterns` would, by cosine similarity).
 * For tests, benchmarks and running without a database.
 */
export function createInMemoryDeps(overrides: Partial<PipelineDeps> = {}): PipelineDeps & { stored: (NewPattern & { id: string })[] } {
  const stored: (NewPattern & { id: string })[] = [];
  const library = patternLibrary.map((p, index) => ({
    id: `library-${index + 1}`,
    project_type: p.project_type,
    embedding: embedText(patternText(p)),
    success_score: p.success_score,
    metadata: { name: p.name, summary: p.summary, pages: p.pages, components: p.components, entities: p.entities, stack: p.stack, source: "library" },
  }));
  return {
    model: createOfflineAgentModel(),
    embed: async (texts) => texts.map(embedText),
    async retrievePatterns(embedding, projectType, count): Promise<RetrievedPattern[]> {
      return [...library, ...stored]
        .filter((p) => projectType === null || p.project_type === projectType)
        .map((p) => ({ id: p.id, project_type: p.project_type, success_score: p.success_score, metadata: p.metadata, similarity: cosineSimilarity(embedding, p.embedding) }))
        .sort((a, b) => b.similarity - a.similarity)
        .slice(0, count);
    },
    async storePattern(pattern) {
      stored.push({ ...pattern, id: `stored-${stored.length + 1}` });
    },
    async adjustPatternScore(id, delta) {
      const pattern = [...library, ...stored].find((p) => p.id === id);
      if (!pattern) return null;
      pattern.success_score = Math.min(1, Math.max(0, Math.round((pattern.success_score + delta) * 100) / 100));
      return pattern.success_score;
    },
    projectFilePaths: async () => [],
    ...overrides,
    stored,
  };
}
