import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SupabaseClient } from "@supabase/supabase-js";
import { callFunction } from "./api.ts";
import { startTestStack, type TestStack } from "./stack.ts";
import { finishedOrder, placeOrder, secondSession, studioUser, type StudioUser } from "./studio-kit.ts";

let stack: TestStack;
let service: SupabaseClient;
let alice: StudioUser;
let bob: StudioUser;
let orderId: string;

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();
const productsOf = async (orderId: string) =>
  (await service.from("products").select("id, file_path, thumbnail_paths, order_items!inner(order_id, sequence_number)")
    .eq("order_items.order_id", orderId).order("order_items(sequence_number)").throwOnError()).data!;
const exists = async (path: string) => {
  const { data } = await service.storage.from("studio").download(path);
  return data !== null;
};

beforeAll(async () => {
  stack = await startTestStack();
  service = stack.service();
  alice = await studioUser(stack);
  bob = await studioUser(stack);
  const placed = await placeOrder(stack, alice, { parameters: { prompt: ["retained", "purged", "recent"], width: 64, height: 64 } });
  orderId = placed.body.order_id;
  await finishedOrder(service, orderId);
});
afterAll(() => stack?.close());

describe("row level security", () => {
  it("shows another user none of the orders, items, products, collections, tags, logs or files, and only global templates", async () => {
    const [product] = await productsOf(orderId);
    const { data: collection } = await alice.client.from("collections").insert({ project_id: alice.project, name: "Mine" }).select("id").single().throwOnError();
    await alice.client.from("collection_products").insert({ collection_id: collection!.id, product_id: product!.id }).throwOnError();
    const { data: tag } = await alice.client.from("tags").insert({ project_id: alice.project, name: "hero", color: "#ff8800" }).select("id").single().throwOnError();
    await alice.client.from("tag_associations").insert({ tag_id: tag!.id, entity_type: "product", entity_id: product!.id }).throwOnError();
    await alice.client.from("templates").insert({ project_id: alice.project, name: "Private", provider: "offline", model: "pattern-v1", parameter_set: { prompt: "x" } }).throwOnError();

    for (const table of ["orders", "order_items", "products", "collections", "collection_products", "tags", "tag_associations", "generation_logs"]) {
      const { data: own } = await alice.client.from(table).select("*");
      const { data: theirs, error } = await bob.client.from(table).select("*");
      expect(error, table).toBeNull();
      expect(own!.length, table).toBeGreaterThan(0);
      expect(theirs, table).toEqual([]);
    }
    const { data: templates } = await bob.client.from("templates").select("name, is_global");
    expect(templates!.every((template) => template.is_global)).toBe(true);
    expect(templates!.length).toBeGreaterThanOrEqual(2);

    expect((await alice.client.storage.from("studio").download(product!.file_path)).data).not.toBeNull();
    expect((await bob.client.storage.from("studio").download(product!.file_path)).data).toBeNull();
    expect((await bob.client.storage.from("studio").download(product!.thumbnail_paths.small)).data).toBeNull();
  });

  it("refuses another user's writes: collection membership, tags on foreign rows, rating, soft delete, global templates", async () => {
    const [product] = await productsOf(orderId);
    const { data: bobCollection } = await bob.client.from("collections").insert({ project_id: bob.project, name: "Theirs" }).select("id").single().throwOnError();
    expect((await bob.client.from("collection_products").insert({ collection_id: bobCollection!.id, product_id: product!.id })).error?.code).toBe("42501");
    const { data: bobTag } = await bob.client.from("tags").insert({ project_id: bob.project, name: "steal" }).select("id").single().throwOnError();
    expect((await bob.client.from("tag_associations").insert({ tag_id: bobTag!.id, entity_type: "product", entity_id: product!.id })).error?.code).toBe("42501");
    const { data: rated } = await bob.client.from("products").update({ rating: 1 }).eq("id", product!.id).select("id");
    expect(rated).toEqual([]);
    expect((await bob.client.rpc("studio_set_deleted", { p_entity: "product", p_id: product!.id, p_deleted: true })).data).toBe(false);
    expect((await bob.client.from("templates").insert({ project_id: bob.project, is_global: true, name: "Mine for all", provider: "offline", model: "pattern-v1", parameter_set: {} })).error?.code).toBe("42501");
    expect((await bob.client.from("provider_secrets").select("*")).error?.code).toBe("42501");
  });

  it("lets the owner rate, like and annotate, but not rewrite what the backend maintains", async () => {
    const [product] = await productsOf(orderId);
    await alice.client.from("products").update({ liked: true, rating: 4, notes: "keep" }).eq("id", product!.id).throwOnError();
    expect((await alice.client.from("products").update({ rating: 6 }).eq("id", product!.id)).error?.code).toBe("23514");
    expect((await alice.client.from("products").update({ file_path: "elsewhere.png" }).eq("id", product!.id)).error?.code).toBe("42501");
    expect((await alice.client.from("projects").select("product_count").eq("id", alice.project).single()).data!.product_count).toBe(3);
  });
});

describe("counts", () => {
  it("stay exact after 200 concurrent inserts and deletes from several sessions", async () => {
    const sessions = [service, stack.service(), stack.service(), stack.service()];
    const inserted = await Promise.all(Array.from({ length: 200 }, async (_, i) => {
      const { data } = await sessions[i % 4]!.from("products").insert({ project_id: bob.project, type: "image", file_path: `${bob.userId}/x/${i}.png` }).select("id").single().throwOnError();
      return data!.id as string;
    }));
    const { data: collection } = await bob.client.from("collections").insert({ project_id: bob.project, name: "Load" }).select("id").single().throwOnError();
    const { data: tag } = await bob.client.from("tags").insert({ project_id: bob.project, name: "load" }).select("id").single().throwOnError();
    const bobs = [bob.client, await secondSession(stack, bob)];
    // 200 concurrent operations: memberships, tags, product deletes and soft deletes, interleaved.
    await Promise.all(inserted.map(async (id, i) => {
      const db = bobs[i % bobs.length]!;
      if (i % 4 === 0) await db.from("collection_products").insert({ collection_id: collection!.id, product_id: id, position: i }).throwOnError();
      else if (i % 4 === 1) await db.from("tag_associations").insert({ tag_id: tag!.id, entity_type: "product", entity_id: id }).throwOnError();
      else if (i % 4 === 2) await sessions[i % 4]!.from("products").delete().eq("id", id).throwOnError();
      else await db.rpc("studio_set_deleted", { p_entity: "product", p_id: id, p_deleted: true }).throwOnError();
    }));
    await Promise.all(inserted.filter((_, i) => i % 8 === 0).map((id) => bob.client.from("collection_products").delete().eq("product_id", id).throwOnError()));
    await Promise.all(inserted.filter((_, i) => i % 8 === 1).map((id) => bob.client.from("tag_associations").delete().eq("entity_id", id).throwOnError()));

    const count = async (table: string, column: string, value: string, extra?: (q: any) => any) => {
      let query = service.from(table).select("*", { count: "exact", head: true }).eq(column, value);
      if (extra) query = extra(query);
      return (await query).count;
    };
    const { data: project } = await service.from("projects").select("product_count").eq("id", bob.project).single();
    expect(project!.product_count).toBe(await count("products", "project_id", bob.project, (q) => q.is("deleted_at", null)));
    expect(project!.product_count).toBe(100);
    const { data: members } = await service.from("collections").select("product_count").eq("id", collection!.id).single();
    expect(members!.product_count).toBe(await count("collection_products", "collection_id", collection!.id));
    expect(members!.product_count).toBe(25);
    const { data: usage } = await service.from("tags").select("usage_count").eq("id", tag!.id).single();
    expect(usage!.usage_count).toBe(await count("tag_associations", "tag_id", tag!.id));
    expect(usage!.usage_count).toBe(25);
  });
});

describe("soft delete, restore and retention", () => {
  it("hides a soft-deleted product, lists it in the trash, and restores it", async () => {
    const [, product] = await productsOf(orderId);
    expect((await alice.client.rpc("studio_set_deleted", { p_entity: "product", p_id: product!.id, p_deleted: true })).data).toBe(true);
    expect((await alice.client.from("products").select("id").eq("id", product!.id)).data).toEqual([]);
    expect((await alice.client.from("projects").select("product_count").eq("id", alice.project).single()).data!.product_count).toBe(2);
    const { data: trash } = await alice.client.rpc("studio_trash", { p_project_id: alice.project });
    expect(trash).toEqual([expect.objectContaining({ entity: "product", id: product!.id, label: "purged" })]);
    expect((await bob.client.rpc("studio_trash", { p_project_id: alice.project })).data).toEqual([]);
    await alice.client.rpc("studio_set_deleted", { p_entity: "product", p_id: product!.id, p_deleted: false }).throwOnError();
    expect((await alice.client.from("products").select("id").eq("id", product!.id)).data).toHaveLength(1);
    expect((await alice.client.from("projects").select("product_count").eq("id", alice.project).single()).data!.product_count).toBe(3);
  });

  it("hides a soft-deleted project with everything in it, from its owner too, until it is restored", async () => {
    const { data: project } = await alice.client.from("projects").insert({ user_id: alice.userId, title: "Old idea", mode: "builder" }).select("id").single().throwOnError();
    await alice.client.from("project_files").insert({ project_id: project!.id, path: "src/App.tsx", content: "export {};" }).throwOnError();
    const visible = async () => ({
      projects: (await alice.client.from("projects").select("id").eq("id", project!.id)).data!.length,
      files: (await alice.client.from("project_files").select("id").eq("project_id", project!.id)).data!.length,
    });

    expect((await bob.client.rpc("set_project_deleted", { p_project_id: project!.id, p_deleted: true })).data).toBe(false);
    expect(await visible()).toEqual({ projects: 1, files: 1 });
    expect((await alice.client.rpc("set_project_deleted", { p_project_id: project!.id, p_deleted: true })).data).toBe(true);
    expect(await visible()).toEqual({ projects: 0, files: 0 });
    expect((await alice.client.rpc("deleted_projects")).data).toEqual([expect.objectContaining({ id: project!.id, title: "Old idea" })]);
    expect((await bob.client.rpc("deleted_projects")).data).toEqual([]);
    expect((await bob.client.rpc("set_project_deleted", { p_project_id: project!.id, p_deleted: false })).data).toBe(false);

    expect((await alice.client.rpc("set_project_deleted", { p_project_id: project!.id, p_deleted: false })).data).toBe(true);
    expect(await visible()).toEqual({ projects: 1, files: 1 });
    expect((await alice.client.rpc("deleted_projects")).data).toEqual([]);
  });

  it("purges only what outlived its window: old soft-deleted products with their files, old logs, orphaned files", async () => {
    const [retained, purged, recent] = await productsOf(orderId);
    await service.from("products").update({ deleted_at: daysAgo(91) }).eq("id", purged!.id).throwOnError();
    await service.from("products").update({ deleted_at: daysAgo(10) }).eq("id", recent!.id).throwOnError();
    const { data: logs } = await service.from("generation_logs").select("id, order_items!inner(order_id)").eq("order_items.order_id", orderId);
    await service.from("generation_logs").update({ timestamp: daysAgo(31) }).eq("id", logs![0]!.id).throwOnError();
    await service.storage.from("studio").upload(`${alice.userId}/${alice.project}/orphan.png`, new Uint8Array([1, 2, 3]), { contentType: "image/png" });
    await service.from("system_settings").update({ value: 0 }).eq("key", "retention.orphan_grace_seconds").throwOnError();

    const response = await callFunction(stack, { apikey: stack.keys.anonKey, token: stack.keys.serviceRoleKey }, "POST", "/studio/cleanup");
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ logs_deleted: 1, products_purged: 1, orphans_removed: 1 });

    const remaining = (await service.from("products").select("id").in("id", [retained!.id, purged!.id, recent!.id])).data!.map((row) => row.id);
    expect(remaining.sort()).toEqual([retained!.id, recent!.id].sort());
    expect(await exists(purged!.file_path)).toBe(false);
    expect(await exists(purged!.thumbnail_paths.large)).toBe(false);
    expect(await exists(`${alice.userId}/${alice.project}/orphan.png`)).toBe(false);
    expect(await exists(retained!.file_path)).toBe(true);
    expect(await exists(recent!.file_path)).toBe(true);
    expect(await exists(recent!.thumbnail_paths.small)).toBe(true);
    expect((await service.from("generation_logs").select("id", { count: "exact", head: true }).in("id", logs!.map((log) => log.id))).count).toBe(logs!.length - 1);
    const forbidden = await callFunction(stack, alice, "POST", "/studio/cleanup");
    expect(forbidden.status).toBe(403);
  });
});
