/** @module A local HTTP server speaking Replicate's, fal's, OpenAI's and Civitai's image APIs, with scripted failures and a concurrency gauge. */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { renderOffline } from "../../shared/studio/render-offline.ts";

export interface FakeImageBehaviour {
  /** Answer 500 to this many generation requests before succeeding. */
  failFirst?: number;
  /** Answer 500 to every generation request. */
  alwaysFail?: boolean;
  /** How long a generation takes. */
  delayMs?: number;
}

export interface FakeImageServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** Generation requests received (after failures too). */
  generations: number;
  /** Most generation requests in flight at once. */
  maxInFlight: number;
  /** Authorization headers seen on generation requests (since the last `behave`). */
  authorizations: Set<string>;
  /** Bodies of the generation requests, in arrival order. */
  bodies: unknown[];
  behave(behaviour: FakeImageBehaviour): void;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function bodyOf(request: IncomingMessage): Promise<any> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return chunks.length ? JSON.parse(Buffer.concat(chunks).toString("utf8")) : {};
}

const send = (response: ServerResponse, status: number, body: unknown) =>
  response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));

/** Starts the fake: `/v1/models/…/predictions` (Replicate), `/fal-ai/…` (fal), `/v1/images/generations` (OpenAI), `/v2/consumer/workflows` (Civitai). */
export async function startFakeImageServer(): Promise<FakeImageServer> {
  let behaviour: FakeImageBehaviour = {};
  let inFlight = 0;
  const files = new Map<string, Uint8Array>();
  const predictions = new Map<string, { polls: number; file: string; input: unknown }>();
  const workflows = new Map<string, string>();
  const state: FakeImageServer = {
    url: "",
    generations: 0,
    maxInFlight: 0,
    authorizations: new Set(),
    bodies: [],
    behave: (next) => {
      behaviour = next;
      state.generations = 0;
      state.maxInFlight = 0;
      state.bodies = [];
      state.authorizations = new Set();
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };

  /** Renders the prompt's image after the scripted delay, or fails as scripted; null on failure. */
  async function generate(request: IncomingMessage, parameters: Record<string, unknown>): Promise<string | null> {
    state.generations++;
    state.authorizations.add(request.headers.authorization ?? "");
    inFlight++;
    state.maxInFlight = Math.max(state.maxInFlight, inFlight);
    try {
      await sleep(behaviour.delayMs ?? 0);
      if (behaviour.alwaysFail || state.generations <= (behaviour.failFirst ?? 0)) return null;
      const { png } = await renderOffline({ prompt: String(parameters.prompt), seed: Number(parameters.seed ?? 0), width: 64, height: 64 });
      const id = `f${files.size + 1}`;
      files.set(id, png);
      return id;
    } finally {
      inFlight--;
    }
  }

  const server = createServer(async (request, response) => {
    const path = request.url ?? "/";
    const file = /^\/files\/(\w+)\.png$/.exec(path);
    if (file) return response.writeHead(200, { "content-type": "image/png" }).end(files.get(file[1]!));
    const poll = /^\/v1\/predictions\/(\w+)$/.exec(path);
    if (poll) {
      const prediction = predictions.get(poll[1]!)!;
      prediction.polls++;
      return send(response, 200, { id: poll[1], status: "succeeded", input: prediction.input, output: [`${state.url}/files/${prediction.file}.png`], metrics: { predict_time: 0.1 } });
    }
    const workflow = /^\/v2\/consumer\/workflows\/(\w+)$/.exec(path);
    if (workflow) {
      const file = workflows.get(workflow[1]!)!;
      return send(response, 200, { id: workflow[1], status: "succeeded", cost: { total: 4 }, steps: [{ name: "0", $type: "imageGen", status: "succeeded", output: { blobs: [{ id: `blob-${file}`, url: `${state.url}/files/${file}.png` }] } }] });
    }
    const body = await bodyOf(request);
    state.bodies.push(body);
    if (/^\/v1\/models\/.+\/predictions$/.test(path)) {
      const id = await generate(request, body.input);
      if (!id) return send(response, 500, { detail: "replicate fake: internal error" });
      const predictionId = `p${predictions.size + 1}`;
      predictions.set(predictionId, { polls: 0, file: id, input: body.input });
      // Still processing: the client must poll.
      return send(response, 201, { id: predictionId, status: "processing", input: body.input, output: null });
    }
    if (path.startsWith("/fal-ai/")) {
      const id = await generate(request, body);
      if (!id) return send(response, 500, { detail: "fal fake: model crashed" });
      return send(response, 200, { images: [{ url: `${state.url}/files/${id}.png`, width: 64, height: 64, content_type: "image/png" }], seed: body.seed ?? 42, request_id: `r-${id}` });
    }
    if (path === "/v1/images/generations") {
      const id = await generate(request, body);
      if (!id) return send(response, 500, { error: { message: "openai fake: server error" } });
      return send(response, 200, { created: 1, data: [{ b64_json: Buffer.from(files.get(id)!).toString("base64"), revised_prompt: `${body.prompt}, revised` }], usage: { input_tokens: 10, output_tokens: 40, total_tokens: 50 } });
    }
    if (path.startsWith("/v2/consumer/workflows")) {
      const id = await generate(request, body.steps?.[0]?.input ?? {});
      if (!id) return send(response, 500, { title: "civitai fake: orchestrator error" });
      const workflowId = `wf${workflows.size + 1}`;
      workflows.set(workflowId, id);
      // Not finished within `wait`: the client must poll.
      return send(response, 200, { id: workflowId, status: "processing", steps: [{ name: "0", $type: "imageGen", status: "processing" }] });
    }
    send(response, 404, { error: `no route ${path}` });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return state;
}
