/** @module The providers a user may choose for their projects: the variables `selectProvider` reads for each, and how a model name is known. */
import { MODEL_PRICES, priceOf } from "../llm/pricing.ts";
import { LLM_PROVIDER_KINDS } from "../llm/select-provider.ts";

/** The offline engine's one model. */
export const OFFLINE_MODEL = "codeforge-offline-1";

/** Where a provider's key, model and base URL go in the environment `selectProvider` reads. */
interface ProviderVars {
  key: string;
  model: string;
  baseUrl: string;
  /** The provider's public API when the server sets no base URL (none: the server must set one). */
  defaultBaseUrl?: string;
  /** Model-name prefixes of this provider in the price table. */
  families: string[];
}

const VARS: Readonly<Record<string, ProviderVars>> = {
  openai: { key: "OPENAI_API_KEY", model: "OPENAI_MODEL", baseUrl: "OPENAI_BASE_URL", defaultBaseUrl: "https://api.openai.com/v1", families: ["gpt-", "o1", "o3", "o4"] },
  anthropic: { key: "ANTHROPIC_API_KEY", model: "ANTHROPIC_MODEL", baseUrl: "ANTHROPIC_BASE_URL", defaultBaseUrl: "https://api.anthropic.com", families: ["claude-"] },
  google: {
    key: "GOOGLE_API_KEY", model: "GOOGLE_MODEL", baseUrl: "GOOGLE_BASE_URL",
    defaultBaseUrl: "https://generativelanguage.googleapis.com/v1beta", families: ["gemini-"],
  },
  // The server's OpenAI-compatible endpoint (LLM_BASE_URL, e.g. OpenRouter), with the user's key.
  "openai-compatible": { key: "LLM_API_KEY", model: "LLM_MODEL", baseUrl: "LLM_BASE_URL", families: [] },
};

/** Providers a user may add a key for: every network provider the LLM layer knows. */
export const KEY_PROVIDERS: readonly string[] = LLM_PROVIDER_KINDS.filter((kind) => kind in VARS);

/** Providers a project (or a user's default) may choose: the offline engine or one with a key. */
export const CHOOSABLE_PROVIDERS: readonly string[] = ["offline", ...KEY_PROVIDERS];

export const isKeyProvider = (provider: string): boolean => KEY_PROVIDERS.includes(provider);
export const isChoosableProvider = (provider: string): boolean => CHOOSABLE_PROVIDERS.includes(provider);

/** The variables of a network provider (`isKeyProvider` first). */
export function varsOf(provider: string): ProviderVars {
  const vars = VARS[provider];
  if (!vars) throw new Error(`no variables for provider ${provider}`);
  return vars;
}

/** The provider's base URL: the server's setting, else its public API; undefined when neither. */
export function baseUrlOf(provider: string, env: Record<string, string | undefined>): string | undefined {
  const vars = varsOf(provider);
  return (env[vars.baseUrl]?.trim() || vars.defaultBaseUrl)?.replace(/\/+$/, "");
}

/** True when the price table names `model` for `provider` (its own family; embedding models are not chat models). */
export function isPricedModel(provider: string, model: string): boolean {
  if (provider === "offline") return model === OFFLINE_MODEL;
  const name = model.toLowerCase();
  return varsOf(provider).families.some((family) => name.startsWith(family)) && priceOf(name) !== undefined;
}

/** The price table's model names for `provider` (the choices offered before asking the provider). */
export function pricedModels(provider: string): string[] {
  if (provider === "offline") return [OFFLINE_MODEL];
  return Object.keys(MODEL_PRICES).filter((name) => isPricedModel(provider, name)).sort();
}
