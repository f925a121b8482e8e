/**
 * @module Civitai's Orchestrator (v2 consumer API): submit a one-step `imageGen`
 * workflow (waiting inline up to 60 s), poll `GET /v2/consumer/workflows/{id}`
 * until it settles, download the step's first output blob.
 * Shape from developer.civitai.com/orchestration/guide (getting started, submitting work).
 */
import { callJson, download, requireBase, sleep } from "./http.ts";
import { providerError, type StudioProvider } from "./types.ts";
import type { ParameterSet } from "../expand.ts";

const POLL_MS = 1000;
const SETTLED = new Set(["succeeded", "failed", "canceled", "expired"]);

interface Workflow {
  id?: string;
  status?: string;
  steps?: { status?: string; output?: { blobs?: { id?: string; url?: string }[] } }[];
  cost?: unknown;
}

/**
 * The step input: a model named by its AIR (`urn:air:<ecosystem>:…`) runs on
 * the engine of that ecosystem (sdxl, sd1, flux…); any other model_id is the
 * engine itself. Our snake_case parameters become the API's camelCase.
 */
export function imageGenInput(modelId: string, parameters: ParameterSet): Record<string, unknown> {
  const air = /^urn:air:([^:]+):/.exec(modelId);
  const input: Record<string, unknown> = air ? { engine: air[1], model: modelId } : { engine: modelId };
  for (const [name, value] of Object.entries(parameters)) {
    input[name.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase())] = value;
  }
  return { ...input, quantity: 1 };
}

export const civitaiProvider: StudioProvider = {
  kind: "civitai",
  needsKey: true,
  async generate({ model, parameters, baseUrl, apiKey, signal }) {
    const base = requireBase(baseUrl, "civitai");
    const headers = { authorization: `Bearer ${apiKey}` };
    const input = imageGenInput(model.model_id, parameters);
    let workflow = (await callJson(`${base}/v2/consumer/workflows?wait=60`, {
      method: "POST",
      headers,
      body: JSON.stringify({ steps: [{ $type: "imageGen", input }] }),
      signal,
    }, "civitai")) as Workflow;
    if (!workflow.id) throw providerError("civitai: the answer names no workflow id.", true);
    while (!SETTLED.has(workflow.status ?? "")) {
      await sleep(POLL_MS, signal);
      workflow = (await callJson(`${base}/v2/consumer/workflows/${encodeURIComponent(workflow.id!)}`, { headers, signal }, "civitai")) as Workflow;
    }
    if (workflow.status !== "succeeded") {
      throw providerError(`civitai: workflow ${workflow.id} ${workflow.status}`, workflow.status === "failed");
    }
    const blob = workflow.steps?.[0]?.output?.blobs?.[0];
    if (!blob?.url) throw providerError("civitai: the workflow has no steps[0].output.blobs[0].url.", true);
    const file = await download(blob.url, signal, "civitai");
    return { ...file, actual: input, returned: { blob_id: blob.id ?? null, cost: workflow.cost ?? null }, requestId: workflow.id };
  },
};
