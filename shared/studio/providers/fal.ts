/** @module fal: a synchronous run (`POST <base>/<model>`), then the image it links. */
import { callJson, download, requireBase } from "./http.ts";
import { providerError, type StudioProvider } from "./types.ts";

export const falProvider: StudioProvider = {
  kind: "fal",
  needsKey: true,
  async generate({ model, parameters, baseUrl, apiKey, signal }) {
    const base = requireBase(baseUrl, "fal");
    const result = await callJson(`${base}/${model.model_id}`, {
      method: "POST",
      headers: { authorization: `Key ${apiKey}` },
      body: JSON.stringify({ ...parameters, num_images: 1 }),
      signal,
    }, "fal");
    const image = (result.images as { url?: string; content_type?: string; width?: number; height?: number }[] | undefined)?.[0];
    if (!image?.url) throw providerError("fal: the answer has no images[0].url.", true);
    const file = await download(image.url, signal, "fal");
    return {
      bytes: file.bytes,
      mimeType: image.content_type ?? file.mimeType,
      actual: parameters,
      returned: { seed: result.seed ?? null, timings: result.timings ?? null, has_nsfw_concepts: result.has_nsfw_concepts ?? null },
      requestId: typeof result.request_id === "string" ? result.request_id : undefined,
    };
  },
};
