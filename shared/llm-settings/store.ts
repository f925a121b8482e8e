/** @module The database side of keys and models per user and project: supabase-js with the service role over the 0140 tables and functions. */
import type { SupabaseClient } from "@supabase/supabase-js";
import { dataOf } from "../errors.ts";

/** A provider and model, as a project or a user's default chooses them. */
export interface LlmChoice {
  provider: string;
  model: string;
}

/** A stored key as anyone may see it. */
export interface KeySummary {
  provider: string;
  last4: string;
  created_at: string;
}

export interface UserLlmSettings {
  default: LlmChoice | null;
  monthly_cap_usd: number | null;
}

/** A running job as record_agent_job_model answers. */
export interface RecordedJob {
  user_id: string;
  agent_type: string;
  provider: string | null;
  model: string | null;
}

export interface MonthSpend {
  month_spend_usd: number;
  monthly_cap_usd: number | null;
}

const toNumber = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));

export class LlmSettingsStore {
  constructor(private readonly db: SupabaseClient) {}

  async keys(userId: string): Promise<KeySummary[]> {
    const rows = dataOf("reading the keys", await this.db.from("user_llm_keys").select("provider, key_last4, created_at").eq("user_id", userId).order("provider"));
    return (rows ?? []).map((row) => ({ provider: row.provider as string, last4: row.key_last4 as string, created_at: row.created_at as string }));
  }

  /** Stores the sealed key with its last four characters; returns when it was added. */
  async saveKey(userId: string, provider: string, last4: string, sealed: string): Promise<string> {
    return dataOf("storing the key", await this.db.rpc("save_user_llm_key", {
      p_user_id: userId, p_provider: provider, p_key_last4: last4, p_api_key_encrypted: sealed,
    })) as string;
  }

  /** Deletes the user's key for `provider`; false when there was none. */
  async deleteKey(userId: string, provider: string): Promise<boolean> {
    const rows = dataOf("deleting the key", await this.db.from("user_llm_keys").delete().eq("user_id", userId).eq("provider", provider).select("provider"));
    return (rows ?? []).length > 0;
  }

  /** The user's key for `provider`, still sealed; null when none. */
  async sealedKey(userId: string, provider: string): Promise<string | null> {
    const row = dataOf("reading the key", await this.db.from("user_llm_key_secrets").select("api_key_encrypted").eq("user_id", userId).eq("provider", provider).maybeSingle());
    return (row as { api_key_encrypted: string } | null)?.api_key_encrypted ?? null;
  }

  async settings(userId: string): Promise<UserLlmSettings> {
    const row = dataOf("reading the settings", await this.db.from("user_llm_settings").select("default_provider, default_model, monthly_cap_usd").eq("user_id", userId).maybeSingle());
    return {
      default: row?.default_provider ? { provider: row.default_provider as string, model: row.default_model as string } : null,
      monthly_cap_usd: toNumber(row?.monthly_cap_usd),
    };
  }

  /** Saves the defaults and the cap in one statement (a 400 when the cap is below this month's spend). */
  async saveSettings(userId: string, settings: UserLlmSettings): Promise<void> {
    dataOf("saving the settings", await this.db.rpc("set_user_llm_settings", {
      p_user_id: userId, p_default_provider: settings.default?.provider ?? null, p_default_model: settings.default?.model ?? null,
      p_monthly_cap_usd: settings.monthly_cap_usd,
    }));
  }

  async projectChoice(projectId: string): Promise<LlmChoice | null> {
    const row = dataOf("reading the project's model", await this.db.from("project_llm_choices").select("provider, model").eq("project_id", projectId).maybeSingle());
    return (row as LlmChoice | null) ?? null;
  }

  /** Sets the project's provider and model, or clears them (`null`: the owner's default applies). */
  async saveProjectChoice(projectId: string, choice: LlmChoice | null): Promise<void> {
    if (choice) dataOf("saving the project's model", await this.db.from("project_llm_choices").upsert({ project_id: projectId, ...choice }));
    else dataOf("clearing the project's model", await this.db.from("project_llm_choices").delete().eq("project_id", projectId));
  }

  async monthSpend(userId: string): Promise<MonthSpend> {
    const rows = dataOf("reading the month's spend", await this.db.rpc("user_month_spend", { p_user_id: userId })) as Record<string, unknown>[];
    return { month_spend_usd: toNumber(rows[0]?.month_spend_usd) ?? 0, monthly_cap_usd: toNumber(rows[0]?.monthly_cap_usd) };
  }

  /**
   * The job's owner, type, provider and model, choosing and recording them on its
   * first step (`server` when neither the project nor the owner chose); null when
   * the job has ended. Studio orders have no provider.
   */
  async recordJobModel(jobId: string, server: LlmChoice): Promise<RecordedJob | null> {
    const rows = dataOf("recording the job's model", await this.db.rpc("record_agent_job_model", {
      p_job_id: jobId, p_server_provider: server.provider, p_server_model: server.model,
    }));
    return (rows as RecordedJob[])[0] ?? null;
  }
}
