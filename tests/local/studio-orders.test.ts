import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SupabaseClient } from "@supabase/supabase-js";
import { callFunction } from "./api.ts";
import { startTestStack, type TestStack } from "./stack.ts";
import { finishedOrder, placeOrder, studioUser, type StudioUser } from "./studio-kit.ts";

let stack: TestStack;
let service: SupabaseClient;
let alice: StudioUser;

beforeAll(async () => {
  stack = await startTestStack();
  service = stack.service();
  alice = await studioUser(stack);
});
afterAll(() => stack?.close());

describe("POST /studio/orders", () => {
  it("expands 3 prompts × 2 seeds × 2 sizes into 12 items that become 12 distinct products with thumbnails", async () => {
    const placed = await placeOrder(stack, alice, { parameters: { prompt: ["red fox", "blue whale", "green owl"], seed: [1, 2], width: [64, 128], height: 64 } });
    expect(placed.status).toBe(202);
    expect(placed.body).toMatchObject({ status: "pending", expanded_count: 12 });
    const order = await finishedOrder(service, placed.body.order_id);
    expect(order).toMatchObject({ status: "fulfilled", expanded_count: 12, completed_count: 12, failed_count: 0 });

    const { data: items } = await alice.client.from("order_items").select("sequence_number, status, generation_parameter_set").eq("order_id", order.id).order("sequence_number");
    expect(items!.map((item) => item.sequence_number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(items![1]!.generation_parameter_set).toMatchObject({ prompt: "red fox", seed: 1, width: 128, height: 64, style: "geometric" });

    const { data: products } = await alice.client.from("products").select("*").eq("project_id", alice.project);
    expect(products).toHaveLength(12);
    expect(new Set(products!.map((product) => product.file_hash)).size).toBe(12);
    const wide = products!.find((product) => product.metadata.parameters.width === 128)!;
    expect(wide).toMatchObject({ type: "image", mime_type: "image/png", width: 128, height: 64 });
    expect(Object.keys(wide.thumbnail_paths).sort()).toEqual(["large", "medium", "small"]);
    const { data: file } = await alice.client.storage.from("studio").download(wide.file_path);
    expect(new Uint8Array(await file!.arrayBuffer()).subarray(1, 4)).toEqual(new TextEncoder().encode("PNG"));

    const { data: project } = await alice.client.from("projects").select("product_count, order_count").eq("id", alice.project).single();
    expect(project).toEqual({ product_count: 12, order_count: 1 });
    const { data: logs } = await alice.client.from("generation_logs").select("level, message").eq("order_item_id", (await firstItemId(order.id)));
    expect(logs!.map((log) => log.level)).toEqual(["INFO", "INFO"]);
  });

  it("stores an identical output once: same parameters, same file", async () => {
    const placed = await placeOrder(stack, alice, { parameters: { prompt: "twin", seed: [5, 5], width: 64, height: 64 } });
    await finishedOrder(service, placed.body.order_id);
    const { data: products } = await service.from("products").select("file_path, file_hash, order_item_id, order_items!inner(order_id)").eq("order_items.order_id", placed.body.order_id);
    expect(products).toHaveLength(2);
    expect(products![0]!.file_path).toBe(products![1]!.file_path);
  });

  it("answers 400 listing every parameter that does not fit the model's schema", async () => {
    const placed = await placeOrder(stack, alice, { parameters: { prompt: ["ok", ""], seed: -3, width: 100, colour: "red" } });
    expect(placed.status).toBe(400);
    expect(placed.body.code).toBe("invalid_parameters");
    const paths = placed.body.details.map((issue: { path: string }) => issue.path).sort();
    expect(paths).toEqual(expect.arrayContaining(["/colour", "/prompt", "/seed", "/width"]));
    expect(placed.body.error).toContain("/prompt");
  });

  it("refuses an order that expands past the limit, saying by how much", async () => {
    const placed = await placeOrder(stack, alice, { parameters: { prompt: Array.from({ length: 26 }, (_, i) => `p${i}`), seed: Array.from({ length: 20 }, (_, i) => i) } });
    expect(placed.status).toBe(400);
    expect(placed.body).toMatchObject({ code: "too_many_items", details: { expanded_count: 520, limit: 500 } });
  });

  it("answers 404 for another user's project and 409 for a provider with no key", async () => {
    const bob = await studioUser(stack);
    const foreign = await placeOrder(stack, bob, { project_id: alice.project, parameters: { prompt: "x" } });
    expect(foreign.status).toBe(404);
    const keyless = await placeOrder(stack, alice, { provider: "replicate", model: "black-forest-labs/flux-schnell", parameters: { prompt: "x" } });
    expect(keyless.status).toBe(409);
    expect(keyless.body.code).toBe("provider_not_configured");
  });

  it("counts the orders placed from a template and merges the order's parameters over it", async () => {
    const { data: template } = await alice.client.from("templates").insert({
      project_id: alice.project, name: "Icons", provider: "offline", model: "pattern-v1", parameter_set: { prompt: ["a", "b"], width: 64, height: 64 },
    }).select("id").single().throwOnError();
    const placed = await placeOrder(stack, alice, { template_id: template!.id, parameters: { seed: [1, 2, 3] } });
    expect(placed.body.expanded_count).toBe(6);
    await finishedOrder(service, placed.body.order_id);
    const { data } = await alice.client.from("templates").select("usage_count").eq("id", template!.id).single();
    expect(data!.usage_count).toBe(1);
  });

  it("cancels an order: its remaining items stop and it stays cancelled", async () => {
    const placed = await placeOrder(stack, alice, { parameters: { prompt: Array.from({ length: 40 }, (_, i) => `slow ${i}`), width: 1024, height: 1024 } });
    const response = await callFunction(stack, alice, "POST", `/studio/orders/${placed.body.order_id}/cancel`);
    expect(response.status).toBe(200);
    const order = await finishedOrder(service, placed.body.order_id);
    expect(order.status).toBe("cancelled");
    const { data: items } = await service.from("order_items").select("status").eq("order_id", order.id);
    expect(items!.filter((item) => item.status === "cancelled").length).toBeGreaterThan(30);
    const again = await callFunction(stack, alice, "POST", `/studio/orders/${placed.body.order_id}/cancel`);
    expect(again.status).toBe(409);
  });
});

describe("a failed order job", () => {
  it("fails the order's unfinished items with the job's error, so the order still finishes with its counts", async () => {
    const placed = await placeOrder(stack, alice, { parameters: { prompt: Array.from({ length: 30 }, (_, i) => `given up ${i}`), width: 1024, height: 1024 } });
    // As the sweeper does when the worker stopped responding too often.
    await service.from("agent_jobs").update({ status: "failed", error: "The job stopped responding 3 times." }).eq("id", placed.body.job_id).throwOnError();
    const order = await finishedOrder(service, placed.body.order_id);
    expect(order.completed_count + order.failed_count).toBe(30);
    expect(order.failed_count).toBeGreaterThan(20);
    expect(["failed", "fulfilled"]).toContain(order.status);
    const { data: failed } = await service.from("order_items").select("error_message").eq("order_id", order.id).eq("status", "failed").limit(1).single();
    expect(failed!.error_message).toBe("The job stopped responding 3 times.");
  });
});

async function firstItemId(orderId: string): Promise<string> {
  const { data } = await service.from("order_items").select("id").eq("order_id", orderId).eq("sequence_number", 1).single().throwOnError();
  return data!.id;
}
