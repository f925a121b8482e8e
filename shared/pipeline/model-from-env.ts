/** @module Picks the text model from the environment: none (the offline engine) by default, else an LLM provider. */
import { LlmError, selectProvider, type LlmProvider } from "../llm/index.ts";

/** Stands in for the offline provider inside `selectProvider`; the offline engine is an `AgentModel`, not a text model. */
const OFFLINE_MARKER: LlmProvider = {
  name: "offline",
  model: "codeforge-offline-1",
  generate: () => Promise.reject(new LlmError("llm_unsupported", "the offline engine answers agent tasks, not free text")),
};

/**
 * The text model `CODEFORGE_LLM_PROVIDER` configures, or null for the offline
 * engine (which writes agent outputs, not free text); throws
 * `llm_not_configured` when a provider lacks its key or URL.
 */
export function textProviderFromEnv(env: Record<string, string | undefined>): LlmProvider | null {
  const provider = selectProvider(env, { offline: () => OFFLINE_MARKER });
  return provider === OFFLINE_MARKER ? null : provider;
}
