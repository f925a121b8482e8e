/** @module Contracts of the settings function: a user's provider keys, model defaults and monthly cap, and a project's provider and model. */
import { z } from "zod";

const Provider = z.string().trim().min(1).max(50);
const ModelName = z.string().trim().min(1).max(200);
const Choice = z.object({ provider: z.string(), model: z.string() });

/** Body of `POST /settings/keys`: a provider key, checked with the provider before it is stored (encrypted, never returned). */
export const SaveKeyRequest = z.strictObject({
  provider: Provider,
  api_key: z.string().trim().min(8).max(4096),
});
export type SaveKeyRequest = z.infer<typeof SaveKeyRequest>;

/** A stored key as a client sees it: never the key, only its last four characters. */
export const KeySummary = z.object({ provider: z.string(), last4: z.string(), created_at: z.string() });

/** Body of `POST /settings`: the default provider and model (both, or both null) and the monthly cap; an absent field keeps its value. */
export const SaveLlmSettingsRequest = z.strictObject({
  default_provider: Provider.nullable().optional(),
  default_model: ModelName.nullable().optional(),
  monthly_cap_usd: z.number().min(0).max(1_000_000).nullable().optional(),
});
export type SaveLlmSettingsRequest = z.infer<typeof SaveLlmSettingsRequest>;

/** Body of `POST /settings/projects/{project_id}`: the project's provider and model, or `provider: null` to follow the owner's default. */
export const ProjectModelRequest = z.strictObject({
  provider: Provider.nullable(),
  model: ModelName.optional(),
});
export type ProjectModelRequest = z.infer<typeof ProjectModelRequest>;

/** Answer of `GET /settings` and `POST /settings`. */
export const LlmSettingsResponse = z.object({
  /** Providers a project or default may choose. */
  providers: z.array(z.string()),
  /** Providers a key may be added for. */
  key_providers: z.array(z.string()),
  server_default: Choice.extend({ configured: z.boolean() }),
  default: Choice.nullable(),
  monthly_cap_usd: z.number().nullable(),
  /** The cost of this UTC month's jobs. */
  month_spend_usd: z.number(),
  keys: z.array(KeySummary),
});
export type LlmSettingsResponse = z.infer<typeof LlmSettingsResponse>;

/** Answer of `GET /settings/models/{provider}`: the models a choice may name. */
export const ModelListResponse = z.object({ provider: z.string(), models: z.array(z.string()) });

/** Answer of `POST /settings/projects/{project_id}`. */
export const ProjectModelResponse = z.object({ project_id: z.string(), choice: Choice.nullable() });
