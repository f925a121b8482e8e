/** @module The pipeline's dependencies on a Supabase project: settings, pattern and document retrieval, the learning loop's writes (service role). */
import type { SupabaseClient } from "@supabase/supabase-js";
import type { AgentModel } from "../agents/index.ts";
import { hasPassages } from "../documents/passages.ts";
import { embedderFromEnv } from "../embeddings/embedder.ts";
import { dbError } from "../errors.ts";
import type { PipelineDeps } from "./deps.ts";

/** Pattern retrieval, storage and scoring over `match_patterns`, `pattern_embeddings` and `adjust_pattern_score`; vectors from the configured embedder, compared only with vectors of its model. */
export function pipelineDeps(env: Record<string, string | undefined>, service: SupabaseClient, model: AgentModel): PipelineDeps {
  const embedder = embedderFromEnv(env);
  return {
    model,
    // Set where a sandbox runner claims sandbox_runs (`npm start` runs one; a hosted project sets it with its runners).
    sandbox: env.CODEFORGE_SANDBOX === "on",
    ...(Number(env.CODEFORGE_SANDBOX_WAIT_SECONDS) > 0 ? { sandboxWaitSeconds: Number(env.CODEFORGE_SANDBOX_WAIT_SECONDS) } : {}),
    async maxFixAttempts(projectId) {
      const { data, error } = await service.from("projects").select("settings").eq("id", projectId).maybeSingle();
      if (error) throw dbError(error, `reading the project's settings`);
      const value = (data?.settings as { max_fix_attempts?: unknown } | undefined)?.max_fix_attempts;
      return typeof value === "number" && Number.isInteger(value) && value >= 1 ? Math.min(value, 10) : undefined;
    },
    embed: (texts) => embedder.embed(texts),
    async retrievePatterns(embedding, projectType, count) {
      const { data, error } = await service.rpc("match_patterns", {
        query_embedding: JSON.stringify(embedding),
        query_model: embedder.model,
        match_count: count,
        filter_type: projectType,
      });
      if (error) throw dbError(error, `match_patterns`);
      return data ?? [];
    },
    async retrieveDocuments(projectId, text, count) {
      if (!(await hasPassages(service, projectId))) return [];
      const [embedding] = await embedder.embed([text]);
      const { data, error } = await service.rpc("match_documents", {
        query_embedding: JSON.stringify(embedding),
        query_model: embedder.model,
        filter_project_id: projectId,
        match_count: count,
      });
      if (error) throw dbError(error, `match_documents`);
      return data ?? [];
    },
    async projectFilePaths(projectId) {
      const { data, error } = await service.from("project_files").select("path").eq("project_id", projectId);
      if (error) throw dbError(error, `reading the project's file paths`);
      return (data ?? []).map((file) => file.path);
    },
    async adjustPatternScore(patternId, delta) {
      const { data, error } = await service.rpc("adjust_pattern_score", { p_pattern_id: patternId, p_delta: delta });
      if (error) throw dbError(error, "adjust_pattern_score");
      return data ?? null;
    },
    async storePattern(pattern) {
      const { error } = await service.from("pattern_embeddings").insert({ ...pattern, embedding: JSON.stringify(pattern.embedding), embedding_model: embedder.model });
      if (error) throw dbError(error, `storing the pattern`);
    },
  };
}
