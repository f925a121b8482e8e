/** @module Picks the agents' model from the environment: the offline engine by default, else an LLM provider. */
import { createLlmAgentModel, type AgentModel, type LlmAgentModelOptions } from "../agents/index.ts";
import { LlmError, selectProvider, type LlmProvider } from "../llm/index.ts";
import { createOfflineAgentModel } from "../offline/model.ts";

/** Stands in for the offline provider inside `selectProvider`; the offline engine is an `AgentModel`, not a text model. */
const OFFLINE_MARKER: LlmProvider = {
  name: "offline",
  model: "codeforge-offline-1",
  generate: () => Promise.reject(new LlmError("llm_unsupported", "the offline engine answers agent tasks, not free text")),
};

/**
 * The `AgentModel` that `CODEFORGE_LLM_PROVIDER` (default `offline`) asks for,
 * configured from the same variables as `selectProvider`; throws
 * `llm_not_configured` when a provider lacks its key or URL.
 * @example const model = agentModelFromEnv(Deno.env.toObject());
 */
export function agentModelFromEnv(env: Record<string, string | undefined>, options: LlmAgentModelOptions & { fetch?: typeof fetch } = {}): AgentModel {
  const { fetch, ...modelOptions } = options;
  const provider = selectProvider(env, { offline: () => OFFLINE_MARKER, ...(fetch ? { fetch } : {}) });
  return provider === OFFLINE_MARKER ? createOfflineAgentModel() : createLlmAgentModel(provider, modelOptions);
}

/**
 * The text model `CODEFORGE_LLM_PROVIDER` configures, or null for the offline
 * engine (which writes agent outputs, not free text); throws
 * `llm_not_configured` as `agentModelFromEnv` does.
 */
export function textProviderFromEnv(env: Record<string, string | undefined>): LlmProvider | null {
  const provider = selectProvider(env, { offline: () => OFFLINE_MARKER });
  return provider === OFFLINE_MARKER ? null : provider;
}
