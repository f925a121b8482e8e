/** @module OpenAI-compatible images (`POST <base>/images/generations`, base64 answer): OpenAI or any server speaking its API. */
import { callJson, download, requireBase } from "./http.ts";
import { providerError, type StudioProvider } from "./types.ts";

export const openaiProvider: StudioProvider = {
  kind: "openai",
  needsKey: true,
  async generate({ model, parameters, baseUrl, apiKey, signal }) {
    const base = requireBase(baseUrl, "openai");
    const actual = { model: model.model_id, n: 1, ...parameters };
    const result = await callJson(`${base}/images/generations`, {
      method: "POST",
      headers: { authorization: `Bearer ${apiKey}` },
      body: JSON.stringify(actual),
      signal,
    }, "openai");
    const item = (result.data as { b64_json?: string; url?: string; revised_prompt?: string }[] | undefined)?.[0];
    const returned = { revised_prompt: item?.revised_prompt ?? null, usage: result.usage ?? null };
    const total = (result.usage as { total_tokens?: unknown } | undefined)?.total_tokens;
    const tokens = typeof total === "number" ? total : undefined;
    if (item?.b64_json) {
      return { bytes: Uint8Array.from(atob(item.b64_json), (char) => char.charCodeAt(0)), actual, returned, tokens };
    }
    if (item?.url) return { ...(await download(item.url, signal, "openai")), actual, returned, tokens };
    throw providerError("openai: the answer has neither data[0].b64_json nor data[0].url.", true);
  },
};
