import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PGlite } from "@electric-sql/pglite";
import { asActor, createUser, freshDatabase } from "./harness.ts";

let pg: PGlite;
let user: string;
let pattern: string;

beforeAll(async () => {
  pg = await freshDatabase();
  user = await createUser(pg);
  pattern = (await pg.query<{ id: string }>("insert into public.pattern_embeddings (project_type, metadata, success_score) values ('crm', '{\"name\": \"Bakery Inventory\"}', 0.85) returning id")).rows[0]!.id;
});
afterAll(() => pg.close());

const adjust = (role: "service_role" | "authenticated" | "anon", delta: number, id = pattern) =>
  asActor(pg, role === "authenticated" ? { role, sub: user } : { role }, async (tx) => (await tx.query<{ score: number | null }>("select public.adjust_pattern_score($1, $2) as score", [id, delta])).rows[0]!.score);

describe("adjust_pattern_score", () => {
  it("lowers a pattern's success_score for the service role, never below 0, and answers the new score", async () => {
    expect(await adjust("service_role", -0.1)).toBeCloseTo(0.75, 5);
    expect(await adjust("service_role", -5)).toBe(0);
    expect(await adjust("service_role", 2)).toBe(1);
    const stored = await asActor(pg, { role: "service_role" }, async (tx) => {
      await tx.query("select public.adjust_pattern_score($1, -0.25)", [pattern]);
      return (await tx.query<{ success_score: number }>("select success_score from public.pattern_embeddings where id = $1", [pattern])).rows[0]!.success_score;
    });
    expect(stored).toBeCloseTo(0.6, 5);
  });

  it("answers null for an unknown pattern", async () => {
    expect(await adjust("service_role", -0.1, "00000000-0000-4000-8000-000000000000")).toBeNull();
  });

  it("is not callable by signed-in users or anon", async () => {
    await expect(adjust("authenticated", -0.1)).rejects.toThrow(/permission denied/);
    await expect(adjust("anon", -0.1)).rejects.toThrow(/permission denied/);
  });
});
