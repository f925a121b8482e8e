/** @module Choosing the LLM provider from environment variables; the offline engine plugs in from outside. */
import { z } from "zod";
import { LlmError } from "./errors.ts";
import { createAnthropicProvider, createGoogleProvider, createOpenAiCompatibleProvider, createOpenAiProvider } from "./providers.ts";
import type { CallSettings } from "./sdk-provider.ts";
import type { LlmProvider } from "./types.ts";

/** The values `CODEFORGE_LLM_PROVIDER` takes. */
export const LLM_PROVIDER_KINDS = ["offline", "openai", "anthropic", "google", "openai-compatible"] as const;
export type LlmProviderKind = (typeof LLM_PROVIDER_KINDS)[number];

/** A trimmed value; empty strings count as unset, as `.env` files write them. */
const unsetIfEmpty = (value: unknown) => (typeof value === "string" && value.trim() !== "" ? value.trim() : undefined);
const text = () => z.preprocess(unsetIfEmpty, z.string().optional());
const url = () => z.preprocess(unsetIfEmpty, z.url({ protocol: /^https?$/ }).optional());
const int = (min: number, max: number) =>
  z.preprocess((value) => (unsetIfEmpty(value) === undefined ? undefined : Number(unsetIfEmpty(value))), z.number().int().min(min).max(max).optional());

/** Every variable `selectProvider` reads. */
const LlmEnv = z.object({
  CODEFORGE_LLM_PROVIDER: z.preprocess((value) => unsetIfEmpty(value) ?? "offline", z.enum(LLM_PROVIDER_KINDS)),
  CODEFORGE_LLM_TIMEOUT_MS: int(1_000, 600_000),
  CODEFORGE_LLM_MAX_RETRIES: int(0, 10),
  CODEFORGE_LLM_MAX_OUTPUT_TOKENS: int(1, 200_000),
  OPENAI_API_KEY: text(),
  OPENAI_BASE_URL: url(),
  OPENAI_MODEL: text(),
  OPENAI_EMBEDDING_MODEL: text(),
  ANTHROPIC_API_KEY: text(),
  ANTHROPIC_BASE_URL: url(),
  ANTHROPIC_MODEL: text(),
  ANTHROPIC_VERSION: text(),
  GOOGLE_API_KEY: text(),
  GOOGLE_BASE_URL: url(),
  GOOGLE_MODEL: text(),
  LLM_BASE_URL: url(),
  LLM_API_KEY: text(),
  LLM_MODEL: text(),
  LLM_STRUCTURED_OUTPUT: z.preprocess(unsetIfEmpty, z.enum(["json_schema", "json_object", "prompt"]).optional()),
  LLM_EMBEDDING_MODEL: text(),
});

/** What `selectProvider` needs besides the environment. */
export interface SelectProviderOptions {
  /** Builds the offline engine; called only when the offline provider is chosen. */
  offline: () => LlmProvider;
  /** `fetch` for the network providers (default the global one). */
  fetch?: typeof fetch;
}

function notConfigured(message: string): LlmError {
  return new LlmError("llm_not_configured", message);
}

/**
 * The provider `env` asks for (`CODEFORGE_LLM_PROVIDER`, default `offline`),
 * configured from its variables. Throws `llm_not_configured` naming the
 * variable when one is missing or malformed. Reads only the keys it knows, so
 * `Deno.env.toObject()` or `process.env` can be passed as is.
 * @example const llm = selectProvider(Deno.env.toObject(), { offline: () => createOfflineEngine() });
 */
export function selectProvider(env: Record<string, string | undefined>, options: SelectProviderOptions): LlmProvider {
  const parsed = LlmEnv.safeParse(Object.fromEntries(Object.keys(LlmEnv.shape).map((key) => [key, env[key]])));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw notConfigured(`${issue.path.join(".")} is invalid: ${issue.message}`);
  }
  const vars = parsed.data;
  const call: CallSettings = {
    ...(vars.CODEFORGE_LLM_TIMEOUT_MS === undefined ? {} : { timeoutMs: vars.CODEFORGE_LLM_TIMEOUT_MS }),
    ...(vars.CODEFORGE_LLM_MAX_RETRIES === undefined ? {} : { maxRetries: vars.CODEFORGE_LLM_MAX_RETRIES }),
    ...(vars.CODEFORGE_LLM_MAX_OUTPUT_TOKENS === undefined ? {} : { defaultMaxTokens: vars.CODEFORGE_LLM_MAX_OUTPUT_TOKENS }),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  };
  const optional = <K extends string, V>(key: K, value: V | undefined) => (value === undefined ? {} : ({ [key]: value } as Record<K, V>));
  switch (vars.CODEFORGE_LLM_PROVIDER) {
    case "offline":
      return options.offline();
    case "openai":
      if (!vars.OPENAI_API_KEY) throw notConfigured("CODEFORGE_LLM_PROVIDER=openai needs OPENAI_API_KEY");
      return createOpenAiProvider({
        ...call,
        apiKey: vars.OPENAI_API_KEY,
        ...optional("baseUrl", vars.OPENAI_BASE_URL),
        ...optional("model", vars.OPENAI_MODEL),
        ...optional("embeddingModel", vars.OPENAI_EMBEDDING_MODEL),
      });
    case "anthropic":
      if (!vars.ANTHROPIC_API_KEY) throw notConfigured("CODEFORGE_LLM_PROVIDER=anthropic needs ANTHROPIC_API_KEY");
      return createAnthropicProvider({
        ...call,
        apiKey: vars.ANTHROPIC_API_KEY,
        ...optional("baseUrl", vars.ANTHROPIC_BASE_URL),
        ...optional("model", vars.ANTHROPIC_MODEL),
        ...optional("version", vars.ANTHROPIC_VERSION),
      });
    case "google":
      if (!vars.GOOGLE_API_KEY) throw notConfigured("CODEFORGE_LLM_PROVIDER=google needs GOOGLE_API_KEY");
      return createGoogleProvider({ ...call, apiKey: vars.GOOGLE_API_KEY, ...optional("baseUrl", vars.GOOGLE_BASE_URL), ...optional("model", vars.GOOGLE_MODEL) });
    case "openai-compatible":
      if (!vars.LLM_BASE_URL) throw notConfigured("CODEFORGE_LLM_PROVIDER=openai-compatible needs LLM_BASE_URL");
      if (!vars.LLM_MODEL) throw notConfigured("CODEFORGE_LLM_PROVIDER=openai-compatible needs LLM_MODEL");
      return createOpenAiCompatibleProvider({
        ...call,
        baseUrl: vars.LLM_BASE_URL,
        model: vars.LLM_MODEL,
        ...optional("apiKey", vars.LLM_API_KEY),
        ...optional("structuredOutput", vars.LLM_STRUCTURED_OUTPUT),
        ...optional("embeddingModel", vars.LLM_EMBEDDING_MODEL),
      });
  }
}
