import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeImageServer, type FakeImageServer } from "../../tests/shared/fake-image-providers.ts";
import { MemoryStudioStore } from "../../tests/shared/memory-studio-store.ts";
import type { JobPlan, JobRow, StageContext } from "../jobs/types.ts";
import { batchesOf, studioPlan, type StudioJobParams } from "./plan.ts";
import { encryptSecret } from "./secrets.ts";
import type { ModelRow, ProviderRow } from "./store.ts";

const ORDER = "00000000-0000-4000-8000-0000000000aa";
const PROJECT = "00000000-0000-4000-8000-0000000000bb";
const USER = "00000000-0000-4000-8000-0000000000cc";
const env = { STUDIO_SECRETS_KEY: "test-secrets-key" };

function provider(id: string, kind: string, api_base_url: string | null = null): ProviderRow {
  return { id, name: id, api_base_url, is_enabled: true, rate_limit_requests: null, concurrent_limit: null, settings: { kind } };
}
function model(provider_id: string): ModelRow {
  return { id: `${provider_id}-m`, provider_id, model_id: "m1", name: "Model one", family: null, modality: "image", version: null, is_available: true, parameter_schema: {} };
}

/** A store holding one order of `count` items for `providerRow`; item i asks for seed i, so items with equal seeds render the same file. */
function storeWith(providerRow: ProviderRow, count: number, seed = (i: number) => i): MemoryStudioStore {
  const store = new MemoryStudioStore();
  store.providers.set(providerRow.id, providerRow);
  store.models.push(model(providerRow.id));
  store.orders.set(ORDER, { id: ORDER, project_id: PROJECT, provider: providerRow.id, model: "m1", status: "pending" });
  for (let i = 1; i <= count; i++) {
    store.items.set(`item-${i}`, { id: `item-${i}`, order_id: ORDER, sequence_number: i, status: "pending", retry_count: 0, generation_parameter_set: { prompt: "a fox", width: 64, height: 64, seed: seed(i) } });
  }
  return store;
}

function job(count: number, batchSize: number): JobRow {
  const params: StudioJobParams = { order_id: ORDER, expanded_count: count, batch_size: batchSize };
  return {
    id: "00000000-0000-4000-8000-0000000000dd", project_id: PROJECT, user_id: USER, agent_type: "studio", status: "running",
    params: { ...params }, stage: null, completed_stages: [], attempts: 0, max_attempts: 3, progress: 0,
    usage: { input_tokens: 0, output_tokens: 0, cost_usd: 0 }, budget: null, result: null,
  };
}

/** Runs the plan's stages in order, as the worker does (outputs round-trip through JSON like job_artifacts). */
async function runPlan(plan: JobPlan, row: JobRow, signal = new AbortController().signal) {
  const outputs: Record<string, unknown> = {};
  const progress: number[] = [];
  for (const stage of plan.stages(row, outputs)) {
    const context: StageContext = { job: row, outputs, signal, log: async () => {}, event: async () => {}, stream: () => {} };
    const outcome = await stage.run(context);
    if (outcome.kind !== "completed") throw new Error(`stage ${stage.name} answered ${outcome.kind}`);
    outputs[stage.name] = JSON.parse(JSON.stringify(outcome.output));
    progress.push(stage.progress);
  }
  return { stages: Object.keys(outputs), outputs, progress, result: plan.result?.(outputs, row) };
}

describe("studio plan", () => {
  it("splits an order into fixed batches", () => {
    expect(batchesOf(10, 4)).toEqual([{ name: "items-1-4", from: 1, to: 4 }, { name: "items-5-8", from: 5, to: 8 }, { name: "items-9-10", from: 9, to: 10 }]);
    expect(batchesOf(0, 4)).toEqual([]);
  });

  it("generates every item with the offline provider: one product each, files and thumbnails stored under the user's folder", async () => {
    const store = storeWith(provider("offline", "offline"), 5);
    const run = await runPlan(studioPlan(store, env), job(5, 2));
    expect(run.stages).toEqual(["items-1-2", "items-3-4", "items-5-5"]);
    expect(run.progress).toEqual([33, 67, 100]);
    expect(run.result).toEqual({ order_id: ORDER, completed: 5, failed: 0 });
    expect([...store.items.values()].map((item) => item.status)).toEqual(Array(5).fill("complete"));
    expect(store.products).toHaveLength(5);
    // Items of a batch run at once, so products land in any order.
    const product = store.products.find((p) => (p.metadata as { sequence_number?: number }).sequence_number === 1)!;
    expect(product).toMatchObject({ project_id: PROJECT, type: "image", mime_type: "image/png", width: 64, height: 64 });
    expect(product.metadata).toMatchObject({ provider: "offline", model: "m1", order_id: ORDER, sequence_number: 1 });
    expect(store.files.get(product.file_path as string)?.contentType).toBe("image/png");
    for (const path of Object.values(product.thumbnail_paths as Record<string, string>)) {
      expect(path.startsWith(`${USER}/${PROJECT}/thumbs/`)).toBe(true);
      expect(store.files.has(path)).toBe(true);
    }
    expect(store.heldSlots.size).toBe(0);
  });

  it("stores a file once per project: an identical render shares the earlier product's file", async () => {
    const store = storeWith(provider("offline", "offline"), 2, () => 7);
    const run = await runPlan(studioPlan(store, env), job(2, 1));
    expect(run.result).toMatchObject({ completed: 2, failed: 0 });
    expect(store.products[0]!.file_path).toBe(store.products[1]!.file_path);
    expect(store.logs.filter((log) => log.message.startsWith("Generated; identical"))).toHaveLength(1);
  });

  it("fails an item at once when no adapter can run it (not retryable), and says why", async () => {
    const store = storeWith(provider("mystery", "no-such-kind"), 1);
    const run = await runPlan(studioPlan(store, env), job(1, 4));
    expect(run.result).toEqual({ order_id: ORDER, completed: 0, failed: 1 });
    const item = store.items.get("item-1")!;
    expect(item).toMatchObject({ status: "failed", retry_count: 0 });
    expect(item.error_message).toMatch(/no adapter for provider mystery/);
    expect(store.logs.at(-1)).toMatchObject({ level: "ERROR", details: { attempt: 1, retryable: false } });
  });

  it("skips items cancelled before their attempt, and reads only items still open", async () => {
    const store = storeWith(provider("offline", "offline"), 3);
    store.items.get("item-2")!.status = "complete";
    store.beforeAttempt = (item) => void (item.id === "item-3" && (item.status = "cancelled"));
    const run = await runPlan(studioPlan(store, env), job(3, 3));
    expect(run.outputs["items-1-3"]).toEqual({ items: [{ sequence_number: 1, status: "complete", product_id: store.products[0]!.id }, { sequence_number: 3, status: "stopped" }] });
    expect(run.result).toMatchObject({ completed: 1, failed: 0 });
    expect(store.items.get("item-3")!.status).toBe("cancelled");
  });

  describe("with a provider over HTTP", () => {
    let server: FakeImageServer;
    beforeAll(async () => void (server = await startFakeImageServer()));
    afterAll(() => server.close());

    it("retries a failing provider with the stored key, logging each attempt, and completes", async () => {
      server.behave({ failFirst: 2 });
      const store = storeWith(provider("openai-like", "openai", `${server.url}/v1`), 1);
      store.keys.set("openai-like", await encryptSecret(env, "sk-stored"));
      const run = await runPlan(studioPlan(store, env), job(1, 1));
      expect(run.result).toMatchObject({ completed: 1, failed: 0 });
      expect(server.generations).toBe(3);
      expect([...server.authorizations]).toEqual(["Bearer sk-stored"]);
      expect(store.items.get("item-1")!.retry_count).toBe(2);
      expect(store.logs.map((log) => log.level)).toEqual(["INFO", "WARNING", "INFO", "WARNING", "INFO", "INFO"]);
    });

    it("fails the item after studio.item_max_retries retries", async () => {
      server.behave({ alwaysFail: true });
      const store = storeWith(provider("openai-like", "openai", `${server.url}/v1`), 1);
      store.settings.set("studio.item_max_retries", 1);
      store.keys.set("openai-like", await encryptSecret(env, "sk-stored"));
      const run = await runPlan(studioPlan(store, env), job(1, 1));
      expect(run.result).toMatchObject({ completed: 0, failed: 1 });
      expect(server.generations).toBe(2);
      expect(store.items.get("item-1")).toMatchObject({ status: "failed", retry_count: 1 });
      expect(store.logs.at(-1)!.message).toMatch(/^Failed: /);
    });

    it("waits for a free slot: the provider never runs more items at once than it has slots", async () => {
      server.behave({ delayMs: 30 });
      const store = storeWith(provider("openai-like", "openai", `${server.url}/v1`), 4);
      store.keys.set("openai-like", await encryptSecret(env, "sk-stored"));
      store.slotLimit = 2;
      const run = await runPlan(studioPlan(store, env), job(4, 4));
      expect(run.result).toMatchObject({ completed: 4, failed: 0 });
      expect(store.maxHeld).toBe(2);
      expect(server.maxInFlight).toBeLessThanOrEqual(2);
    });
  });
});
