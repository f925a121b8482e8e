import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PGlite } from "@electric-sql/pglite";
import { asActor, createUser, freshDatabase } from "./harness.ts";

const DIMENSIONS = 1536;
const TYPES = ["saas", "ecommerce", "social", "crm", "education", "marketplace"];
const PER_TYPE = 50;
const MODEL = "clustered-test-model";

/** A deterministic pseudo-random generator, so a failure reproduces. */
function random(seed: number) {
  return () => {
    seed = (seed * 1664525 + 1013904223) % 2 ** 32;
    return seed / 2 ** 32 - 0.5;
  };
}
function normalize(v: number[]): number[] {
  const norm = Math.hypot(...v);
  return v.map((x) => x / norm);
}
/** Vectors of one type scatter around that type's centre, so each type forms a cluster. */
function embedding(centre: number[], spread: number, next: () => number): number[] {
  return normalize(centre.map((x) => x + spread * next()));
}
const literal = (v: number[]) => `[${v.join(",")}]`;

let pg: PGlite;
let user: string;
const centres = new Map<string, number[]>();
const next = random(42);

type Match = { id: string; project_type: string; similarity: number };

beforeAll(async () => {
  pg = await freshDatabase();
  user = await createUser(pg);
  for (const type of TYPES) {
    const centre = normalize(Array.from({ length: DIMENSIONS }, next));
    centres.set(type, centre);
    const values = Array.from({ length: PER_TYPE }, (_, i) => {
      const v = literal(embedding(centre, 0.08, next));
      return `('${type}', '${v}', '${MODEL}', '{"name": "${type} pattern ${i}"}', ${(i % 10) / 10})`;
    });
    await pg.exec(
      `insert into public.pattern_embeddings (project_type, embedding, embedding_model, metadata, success_score) values ${values.join(",")}`,
    );
  }
});
afterAll(() => pg.close());

function matchPatterns(query: number[], count: number, filter: string | null, role: "authenticated" | "anon" = "authenticated", model = MODEL) {
  const actor = role === "anon" ? { role } : { role, sub: user };
  return asActor(pg, actor, async (tx) => {
    const { rows } = await tx.query<Match>("select * from public.match_patterns($1::extensions.vector, $2, $3, $4)", [
      literal(query),
      model,
      count,
      filter,
    ]);
    return rows;
  });
}

/** The exact answer: a sequential scan with no index. */
async function exactNearest(query: number[], count: number, filter: string | null): Promise<string[]> {
  let ids: string[] = [];
  await pg.transaction(async (tx) => {
    await tx.exec("set local enable_indexscan = off; set local enable_bitmapscan = off");
    const { rows } = await tx.query<{ id: string }>(
      `select id from public.pattern_embeddings
       where ($3::text is null or project_type = $3) and embedding_model = $4
       order by embedding operator(extensions.<=>) $1::extensions.vector limit $2`,
      [literal(query), count, filter, MODEL],
    );
    ids = rows.map((row) => row.id);
  });
  return ids;
}

describe("match_patterns", () => {
  it("returns the nearest patterns first, with similarity descending", async () => {
    const query = embedding(centres.get("crm")!, 0.05, next);
    const rows = await matchPatterns(query, 10, null);
    expect(rows).toHaveLength(10);
    expect(rows.every((row) => row.project_type === "crm")).toBe(true);
    const similarities = rows.map((row) => row.similarity);
    expect(similarities).toEqual([...similarities].sort((a, b) => b - a));
    expect(similarities[0]).toBeGreaterThan(0.5);
  });

  it("agrees with an exact scan on the top results", async () => {
    for (const type of TYPES) {
      const query = embedding(centres.get(type)!, 0.05, next);
      const rows = await matchPatterns(query, 5, null);
      expect(rows.map((row) => row.id)).toEqual(await exactNearest(query, 5, null));
    }
  });

  it.each([1, 3, 25])("honours match_count = %i", async (count) => {
    expect(await matchPatterns(embedding(centres.get("saas")!, 0.05, next), count, null)).toHaveLength(count);
  });

  it("honours filter_type, even when the query is nearest another type", async () => {
    const query = embedding(centres.get("social")!, 0.05, next);
    const rows = await matchPatterns(query, 8, "education");
    expect(rows).toHaveLength(8);
    expect(rows.every((row) => row.project_type === "education")).toBe(true);
    expect(rows.map((row) => row.id)).toEqual(await exactNearest(query, 8, "education"));
  });

  it("returns nothing for a type with no patterns", async () => {
    expect(await matchPatterns(centres.get("saas")!, 5, "game")).toEqual([]);
  });

  it("reports similarity 1 for the stored vector itself", async () => {
    const { rows } = await pg.query<{ embedding: string }>(
      "select embedding::text from public.pattern_embeddings where project_type = 'crm' limit 1",
    );
    const stored = JSON.parse(rows[0]!.embedding) as number[];
    const [best] = await matchPatterns(stored, 1, null);
    expect(best!.similarity).toBeCloseTo(1, 5);
  });

  it("returns nothing to anon, whose RLS hides every pattern", async () => {
    expect(await matchPatterns(centres.get("crm")!, 5, null, "anon")).toEqual([]);
  });

  it("compares the query only with vectors of its model", async () => {
    const query = embedding(centres.get("crm")!, 0.05, next);
    await pg.query("insert into public.pattern_embeddings (project_type, embedding, embedding_model, metadata) values ('crm', $1, 'feature-hashing-v1', '{\"name\": \"hashed twin\"}')", [literal(query)]);
    const ofModel = await matchPatterns(query, 300, null);
    expect(ofModel).toHaveLength(TYPES.length * PER_TYPE);
    expect(ofModel.some((row) => row.similarity > 0.9999)).toBe(false);
    const hashed = await matchPatterns(query, 300, null, "authenticated", "feature-hashing-v1");
    expect(hashed[0]!.similarity).toBeCloseTo(1, 5);
    expect(hashed).toHaveLength(1);
    await pg.query("delete from public.pattern_embeddings where embedding_model = 'feature-hashing-v1' and metadata ->> 'name' = 'hashed twin'");
  });

  it("refuses a vector without the model that made it", async () => {
    await expect(pg.query(`insert into public.pattern_embeddings (project_type, embedding) values ('crm', '${literal(centres.get("crm")!)}')`)).rejects.toMatchObject({ code: "23514" });
  });

  it("rejects a vector of the wrong dimension", async () => {
    await expect(matchPatterns([1, 0, 0], 5, null)).rejects.toMatchObject({ code: "22000" });
  });
});
