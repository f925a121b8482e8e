/** @module The user's provider keys, model defaults, monthly cap and spend, and a project's model: the settings function, plus REST for what RLS lets the owner read. */
import type { LlmSettingsResponse } from "../../../shared/protocol/index.ts";
import { toAppError } from "../lib/errors.ts";
import { callFunction, type Result } from "../lib/functions.ts";
import { supabase } from "../lib/supabase.ts";

export type LlmSettings = LlmSettingsResponse;
export interface LlmChoice {
  provider: string;
  model: string;
}

export async function fetchLlmSettings(): Promise<LlmSettings> {
  const { data, error } = await callFunction<LlmSettings>("settings");
  if (error) throw error;
  return data;
}

/** Adds (or replaces) a key; the provider checks it first. The answer holds its last four characters, never the key. */
export const addKey = (provider: string, apiKey: string): Promise<Result<{ provider: string; last4: string; created_at: string }>> =>
  callFunction("settings/keys", { method: "POST", body: { provider, api_key: apiKey } });

export const deleteKey = (provider: string): Promise<Result<{ provider: string; deleted: true }>> =>
  callFunction(`settings/keys/${encodeURIComponent(provider)}/delete`, { method: "POST" });

/** Saves the default provider and model (both, or both null) and the monthly cap (null: none). */
export const saveLlmSettings = (body: { default_provider: string | null; default_model: string | null; monthly_cap_usd: number | null }): Promise<Result<LlmSettings>> =>
  callFunction("settings", { method: "POST", body });

export async function fetchModels(provider: string): Promise<string[]> {
  const { data, error } = await callFunction<{ models: string[] }>(`settings/models/${encodeURIComponent(provider)}`);
  if (error) throw error;
  return data.models;
}

/** The project's provider and model; null when it follows the owner's default. */
export async function fetchProjectChoice(projectId: string): Promise<LlmChoice | null> {
  const { data, error } = await supabase().from("project_llm_choices").select("provider, model").eq("project_id", projectId).maybeSingle();
  if (error) throw toAppError(error, "The project's model could not be loaded.");
  return (data as LlmChoice | null) ?? null;
}

/** Sets the project's provider and model, or (`null`) lets it follow the owner's default. */
export const saveProjectChoice = (projectId: string, choice: LlmChoice | null): Promise<Result<{ choice: LlmChoice | null }>> =>
  callFunction(`settings/projects/${projectId}`, { method: "POST", body: choice ?? { provider: null } });
