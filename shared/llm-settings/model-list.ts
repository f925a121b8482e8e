/** @module A provider's model list with a user's key: the cheap documented call that proves the key works (GET …/models). */
import { AppError } from "../errors.ts";
import { baseUrlOf } from "./providers.ts";

/** The request that lists models, by provider: its URL and the headers that carry the key. */
function listRequest(provider: string, baseUrl: string, apiKey: string): { url: string; headers: Record<string, string> } {
  switch (provider) {
    case "anthropic":
      return { url: `${baseUrl}/v1/models?limit=1000`, headers: { "x-api-key": apiKey, "anthropic-version": "2023-06-01" } };
    case "google":
      return { url: `${baseUrl}/models?pageSize=1000`, headers: { "x-goog-api-key": apiKey } };
    default:
      return { url: `${baseUrl}/models`, headers: { authorization: `Bearer ${apiKey}` } };
  }
}

/** Model ids in a list answer: `{ data: [{ id }] }` (OpenAI, Anthropic, compatible servers) or `{ models: [{ name: "models/…" }] }` (Gemini). */
function modelIds(body: unknown): string[] {
  const { data, models } = (body ?? {}) as { data?: { id?: unknown }[]; models?: { name?: unknown }[] };
  const ids = [
    ...(Array.isArray(data) ? data.map((model) => model?.id) : []),
    ...(Array.isArray(models) ? models.map((model) => (typeof model?.name === "string" ? model.name.replace(/^models\//, "") : undefined)) : []),
  ];
  return ids.filter((id): id is string => typeof id === "string");
}

/**
 * The models `apiKey` may use at `provider` (its base URL from `env`, as the
 * jobs will call it). A key the provider refuses (401/403) is a 400
 * `key_refused`; an unreachable or failing provider a 502 `provider_failed`.
 */
export async function listModels(provider: string, apiKey: string, env: Record<string, string | undefined>, fetcher: typeof fetch = fetch): Promise<string[]> {
  const baseUrl = baseUrlOf(provider, env);
  if (!baseUrl) throw new AppError("provider_not_configured", `The server has no base URL for ${provider} (LLM_BASE_URL).`);
  const { url, headers } = listRequest(provider, baseUrl, apiKey);
  let response: Response;
  try {
    response = await fetcher(url, { headers, signal: AbortSignal.timeout(15_000) });
  } catch (error) {
    throw new AppError("provider_failed", `Could not reach ${provider} to check the key: ${(error as Error).message}`);
  }
  if (response.status === 401 || response.status === 403) {
    await response.body?.cancel();
    throw new AppError("key_refused", `${provider} refused the key (HTTP ${response.status}): check that it is right and active.`);
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new AppError("provider_failed", `${provider} answered HTTP ${response.status} when listing models; try again later.`);
  }
  return modelIds(await response.json().catch(() => null));
}
