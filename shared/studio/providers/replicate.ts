/** @module Replicate: create a prediction (waiting up to 60 s), poll until it settles, download the output. */
import { callJson, download, requireBase, sleep } from "./http.ts";
import { providerError, type StudioProvider } from "./types.ts";

const POLL_MS = 500;

export const replicateProvider: StudioProvider = {
  kind: "replicate",
  needsKey: true,
  async generate({ model, parameters, baseUrl, apiKey, signal }) {
    const base = requireBase(baseUrl, "replicate");
    const headers = { authorization: `Bearer ${apiKey}`, prefer: "wait=60" };
    // A pinned version goes to /predictions; an official model to its own endpoint.
    const [url, body] = model.version
      ? [`${base}/predictions`, { version: model.version, input: parameters }]
      : [`${base}/models/${model.model_id}/predictions`, { input: parameters }];
    let prediction = await callJson(url, { method: "POST", headers, body: JSON.stringify(body), signal }, "replicate");
    while (prediction.status === "starting" || prediction.status === "processing") {
      await sleep(POLL_MS, signal);
      prediction = await callJson(`${base}/predictions/${prediction.id}`, { headers, signal }, "replicate");
    }
    if (prediction.status !== "succeeded") {
      throw providerError(`replicate: prediction ${prediction.id} ${prediction.status}: ${prediction.error ?? "no output"}`, prediction.status === "failed");
    }
    const output = Array.isArray(prediction.output) ? prediction.output[0] : prediction.output;
    if (typeof output !== "string") throw providerError("replicate: the prediction has no output URL.", true);
    const file = await download(output, signal, "replicate");
    return { ...file, actual: parameters, returned: { metrics: prediction.metrics ?? null, version: prediction.version ?? null }, requestId: String(prediction.id) };
  },
};
