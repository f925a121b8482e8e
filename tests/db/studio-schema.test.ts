import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PGlite } from "@electric-sql/pglite";
import { asActor, databaseWithProject, insertRow } from "./harness.ts";

let pg: PGlite, owner: string, project: string;
beforeAll(async () => ({ pg, owner, project } = await databaseWithProject("Assets")));
afterAll(() => pg.close());

const order = () => insertRow(pg, "orders", { project_id: project, provider: "offline", model: "pattern-v1", base_parameter_set: JSON.stringify({ prompt: ["red fox", "arctic hare"] }), expanded_count: 2 });
const item = (orderId: string, sequence: number) => insertRow(pg, "order_items", { order_id: orderId, sequence_number: sequence, generation_parameter_set: "{}" });
const value = async <T>(sql: string, params: unknown[] = []) => (await pg.query<{ v: T }>(sql, params)).rows[0]!.v;

describe("provider slots", () => {
  it("refuses a slot past concurrent_limit until one is released", async () => {
    await pg.query("update public.providers set concurrent_limit = 2, rate_limit_requests = null where id = 'offline'");
    const a = await value<number | null>("select public.acquire_provider_slot('offline', null) as v");
    const b = await value<number | null>("select public.acquire_provider_slot('offline', null) as v");
    expect(await value("select public.acquire_provider_slot('offline', null) as v")).toBeNull();
    await pg.query("select public.release_provider_slot($1)", [a]);
    expect(await value("select public.acquire_provider_slot('offline', null) as v")).not.toBeNull();
    expect(b).not.toBeNull();
  });

  it("refuses a slot past rate_limit_requests within a minute", async () => {
    await pg.query("update public.providers set concurrent_limit = null, rate_limit_requests = 3 where id = 'fal'");
    const slots = [];
    for (let i = 0; i < 4; i++) {
      const slot = await value<number | null>("select public.acquire_provider_slot('fal', null) as v");
      slots.push(slot);
      if (slot) await pg.query("select public.release_provider_slot($1)", [slot]);
    }
    expect(slots.map((slot) => slot !== null)).toEqual([true, true, true, false]);
  });

  it("refuses a slot once the calls of the last minute reported rate_limit_tokens", async () => {
    await pg.query("update public.providers set concurrent_limit = null, rate_limit_requests = null, rate_limit_tokens = 100 where id = 'openai'");
    const granted = [];
    for (let i = 0; i < 4; i++) {
      const slot = await value<number | null>("select public.acquire_provider_slot('openai', null) as v");
      granted.push(slot !== null);
      if (slot) await pg.query("select public.release_provider_slot($1, 40)", [slot]);
    }
    // 0, 40, 80 tokens used: room; 120: none.
    expect(granted).toEqual([true, true, true, false]);
    expect(await value("select sum(tokens)::int as v from public.provider_calls where provider_id = 'openai'")).toBe(120);
    await pg.query("update public.provider_calls set started_at = now() - interval '61 seconds' where provider_id = 'openai'");
    expect(await value("select public.acquire_provider_slot('openai', null) as v")).not.toBeNull();
  });

  it("is for the service role only", async () => {
    await expect(asActor(pg, { role: "authenticated", sub: owner }, (tx) => tx.query("select public.acquire_provider_slot('offline', null)"))).rejects.toThrow(/permission denied/);
  });
});

describe("orders", () => {
  it("follow their items: processing, then fulfilled with the counts", async () => {
    const id = await order();
    const [first, second] = [await item(id, 1), await item(id, 2)];
    await pg.query("update public.order_items set status = 'generating' where id = $1", [first]);
    expect(await value("select status as v from public.orders where id = $1", [id])).toBe("processing");
    await pg.query("update public.order_items set status = 'complete' where id = $1", [first]);
    await pg.query("update public.order_items set status = 'failed' where id = $1", [second]);
    expect((await pg.query("select status, completed_count, failed_count from public.orders where id = $1", [id])).rows[0]).toEqual({ status: "fulfilled", completed_count: 1, failed_count: 1 });
  });

  it("are found by words of their parameters (search_vector, GIN) and by containment (jsonb GIN)", async () => {
    const id = await order();
    expect(await value("select count(*)::int as v from public.orders where id = $1 and search_vector @@ websearch_to_tsquery('english', 'foxes')", [id])).toBe(1);
    expect(await value("select count(*)::int as v from public.orders where id = $1 and base_parameter_set @> '{\"prompt\": [\"arctic hare\"]}'", [id])).toBe(1);
    const indexes = (await pg.query<{ indexdef: string }>("select indexdef from pg_indexes where tablename in ('orders', 'products') and indexdef like '%gin%'")).rows.map((row) => row.indexdef);
    expect(indexes.join("\n")).toMatch(/search_vector[\s\S]*base_parameter_set|base_parameter_set[\s\S]*search_vector/);
    expect(indexes.some((definition) => definition.includes("(metadata)"))).toBe(true);
  });

  it("keep the project's order_count, soft delete included", async () => {
    const before = await value<number>("select order_count as v from public.projects where id = $1", [project]);
    const id = await order();
    await pg.query("update public.orders set deleted_at = now() where id = $1", [id]);
    await pg.query("update public.orders set deleted_at = null where id = $1", [id]);
    expect(await value("select order_count as v from public.projects where id = $1", [project])).toBe(before + 1);
    await pg.query("delete from public.orders where id = $1", [id]);
    expect(await value("select order_count as v from public.projects where id = $1", [project])).toBe(before);
  });
});

describe("migration_history", () => {
  it("lists every applied migration with its name, for the service role only", async () => {
    const rows = await asActor(pg, { role: "service_role" }, async (tx) => (await tx.query<{ version: string; description: string }>("select version, description from public.migration_history order by version")).rows);
    expect(rows.at(-1)?.version).toMatch(/^2026120700\d{4}$/);
    expect(rows.map((row) => row.description)).toContain("studio_schema");
    await expect(asActor(pg, { role: "authenticated", sub: owner }, (tx) => tx.query("select * from public.migration_history"))).rejects.toThrow(/permission denied/);
  });
});
