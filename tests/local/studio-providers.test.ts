import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SupabaseClient } from "@supabase/supabase-js";
import { startFakeImageServer, type FakeImageServer } from "../shared/fake-image-providers.ts";
import { callFunction } from "./api.ts";
import { startTestStack, type TestStack } from "./stack.ts";
import { finishedOrder, placeOrder, studioUser, type StudioUser } from "./studio-kit.ts";

let stack: TestStack;
let service: SupabaseClient;
let fake: FakeImageServer;
let alice: StudioUser;
const serviceCaller = () => ({ apikey: stack.keys.anonKey, token: stack.keys.serviceRoleKey });

beforeAll(async () => {
  stack = await startTestStack();
  service = stack.service();
  fake = await startFakeImageServer();
  alice = await studioUser(stack);
  for (const [id, path] of [["replicate", "/v1"], ["fal", ""], ["openai", "/v1"]] as const) {
    await service.from("providers").update({ api_base_url: `${fake.url}${path}` }).eq("id", id).throwOnError();
    const stored = await callFunction(stack, serviceCaller(), "POST", `/studio/providers/${id}/key`, { api_key: `${id}-secret` });
    expect(stored.status).toBe(200);
  }
});
afterAll(async () => {
  await stack?.close();
  await fake?.close();
});

const itemsOf = async (orderId: string) =>
  (await service.from("order_items").select("sequence_number, status, retry_count, error_message, provider_request_id, generation_logs(level)").eq("order_id", orderId).order("sequence_number").throwOnError()).data!;

describe("provider keys", () => {
  it("stores keys encrypted and never lets a user read them", async () => {
    const { data } = await service.from("provider_secrets").select("api_key_encrypted").eq("provider_id", "replicate").single();
    expect(data!.api_key_encrypted).toMatch(/^[A-Za-z0-9+/=]{20,}$/);
    expect(data!.api_key_encrypted).not.toContain("replicate-secret");
    // No privilege at all, as on Supabase: PostgREST answers permission denied.
    const stolen = await alice.client.from("provider_secrets").select("*");
    expect(stolen).toMatchObject({ status: 403, data: null, error: { code: "42501" } });
    const { data: visible } = await alice.client.from("providers").select("id, name, concurrent_limit").order("id");
    expect(visible!.map((provider) => provider.id)).toEqual(["civitai", "fal", "offline", "openai", "replicate"]);
  });

  it("refuses to store a key for a caller without the service role", async () => {
    const response = await callFunction(stack, alice, "POST", "/studio/providers/replicate/key", { api_key: "stolen" });
    expect(response.status).toBe(403);
  });
});

describe("providers over HTTP", () => {
  it("retries a Replicate item that fails twice, then completes it with the polled prediction", async () => {
    fake.behave({ failFirst: 2 });
    const placed = await placeOrder(stack, alice, { provider: "replicate", model: "black-forest-labs/flux-schnell", parameters: { prompt: "a lighthouse", seed: 3 } });
    expect(placed.status).toBe(202);
    const order = await finishedOrder(service, placed.body.order_id);
    expect(order).toMatchObject({ status: "fulfilled", completed_count: 1, failed_count: 0 });
    const [item] = await itemsOf(order.id);
    expect(item).toMatchObject({ status: "complete", retry_count: 2, provider_request_id: expect.stringMatching(/^p\d+$/) });
    expect(item!.generation_logs.filter((log: { level: string }) => log.level === "WARNING")).toHaveLength(2);
    expect(fake.generations).toBe(3);
    expect(fake.authorizations).toEqual(new Set(["Bearer replicate-secret"]));
  });

  it("fails every item of a provider that always fails, and finishes the order with its counts", async () => {
    fake.behave({ alwaysFail: true });
    const placed = await placeOrder(stack, alice, { provider: "fal", model: "fal-ai/flux/schnell", parameters: { prompt: ["a", "b"] } });
    const order = await finishedOrder(service, placed.body.order_id);
    expect(order).toMatchObject({ status: "failed", expanded_count: 2, completed_count: 0, failed_count: 2 });
    const items = await itemsOf(order.id);
    expect(items.map((item) => [item.status, item.retry_count])).toEqual([["failed", 2], ["failed", 2]]);
    expect(items[0]!.error_message).toContain("fal answered 500");
    expect(fake.generations).toBe(6);
    expect(fake.authorizations.has("Key fal-secret")).toBe(true);
  });

  it("never has more requests in flight than the provider's concurrent_limit", async () => {
    await service.from("providers").update({ concurrent_limit: 2 }).eq("id", "openai").throwOnError();
    fake.behave({ delayMs: 300 });
    const placed = await placeOrder(stack, alice, { provider: "openai", model: "gpt-image-1", parameters: { prompt: ["p1", "p2", "p3", "p4", "p5", "p6"] } });
    const other = await placeOrder(stack, alice, { provider: "openai", model: "gpt-image-1", parameters: { prompt: ["q1", "q2", "q3"] } });
    const [first, second] = await Promise.all([finishedOrder(service, placed.body.order_id), finishedOrder(service, other.body.order_id)]);
    expect(first).toMatchObject({ status: "fulfilled", completed_count: 6 });
    expect(second).toMatchObject({ status: "fulfilled", completed_count: 3 });
    expect(fake.generations).toBe(9);
    expect(fake.maxInFlight).toBe(2);
    const { data: products } = await alice.client.from("products").select("metadata").eq("metadata->>provider", "openai");
    expect(products).toHaveLength(9);
    // Each call's reported usage is on its ledger row, where rate_limit_tokens counts it.
    const { data: calls } = await service.from("provider_calls").select("tokens").eq("provider_id", "openai").throwOnError();
    expect(calls!.map((call) => call.tokens)).toEqual(Array(9).fill(50));
  });
});

describe("civitai", () => {
  it("runs an item as an Orchestrator imageGen workflow, polled until it succeeds", async () => {
    await service.from("providers").update({ api_base_url: fake.url }).eq("id", "civitai").throwOnError();
    const stored = await callFunction(stack, serviceCaller(), "POST", "/studio/providers/civitai/key", { api_key: "civitai-secret" });
    expect(stored.status).toBe(200);
    fake.behave({});
    const model = "urn:air:sdxl:checkpoint:civitai:101055@128078";
    const placed = await placeOrder(stack, alice, { provider: "civitai", model, parameters: { prompt: "a harbour at dusk", negative_prompt: "blur", seed: [4, 5] } });
    expect(placed.status).toBe(202);
    const order = await finishedOrder(service, placed.body.order_id);
    expect(order).toMatchObject({ status: "fulfilled", completed_count: 2, failed_count: 0 });
    const items = await itemsOf(order.id);
    expect(items.map((item) => item.provider_request_id)).toEqual([expect.stringMatching(/^wf\d+$/), expect.stringMatching(/^wf\d+$/)]);
    expect(fake.authorizations).toEqual(new Set(["Bearer civitai-secret"]));
    expect(fake.bodies).toContainEqual({
      steps: [{ $type: "imageGen", input: { engine: "sdxl", model, prompt: "a harbour at dusk", negativePrompt: "blur", seed: 4, quantity: 1 } }],
    });
    const { data: products } = await alice.client.from("products").select("mime_type, file_hash").eq("metadata->>provider", "civitai");
    expect(products).toHaveLength(2);
    expect(new Set(products!.map((product) => product.file_hash)).size).toBe(2);
  });

  it("refuses a civitai order while no key is configured", async () => {
    await service.from("provider_secrets").delete().eq("provider_id", "civitai").throwOnError();
    const placed = await placeOrder(stack, alice, { provider: "civitai", model: "urn:air:sdxl:checkpoint:civitai:101055@128078", parameters: { prompt: "x" } });
    expect(placed.status).toBe(409);
    expect(JSON.stringify(placed.body)).toContain("CIVITAI_API_TOKEN");
  });
});
