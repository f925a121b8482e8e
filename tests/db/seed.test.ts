import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { PGlite } from "@electric-sql/pglite";
import { embedText } from "../../shared/embeddings/feature-hashing.ts";
import { patternLibrary } from "../../shared/patterns/library.ts";
import { asActor, createUser, freshDatabase } from "./harness.ts";

let pg: PGlite;
let user: string;
beforeAll(async () => {
  pg = await freshDatabase();
  await pg.exec(await readFile(new URL("../../supabase/seed.sql", import.meta.url), "utf8"));
  user = await createUser(pg);
});
afterAll(() => pg.close());

it("seeds the whole pattern library with unit-length embeddings", async () => {
  const { rows } = await pg.query<{ n: number; min_norm: number; max_norm: number }>(
    "select count(*)::int as n, min(extensions.vector_norm(embedding)) as min_norm, max(extensions.vector_norm(embedding)) as max_norm from public.pattern_embeddings",
  );
  expect(rows[0]!.n).toBe(patternLibrary.length);
  expect(rows[0]!.min_norm).toBeCloseTo(1, 4);
  expect(rows[0]!.max_norm).toBeCloseTo(1, 4);
});

it("records every seeded vector as the hashing embedder's", async () => {
  const { rows } = await pg.query<{ embedding_model: string }>("select distinct embedding_model from public.pattern_embeddings");
  expect(rows).toEqual([{ embedding_model: "feature-hashing-v1" }]);
});

it("lets match_patterns find the service-business CRM for a dog walkers' CRM", async () => {
  const query = `[${embedText("A CRM for dog walkers: clients, their dogs, scheduled walks and invoices").join(",")}]`;
  const { rows } = await asActor(pg, { role: "authenticated", sub: user }, (tx) =>
    tx.query<{ metadata: { name: string } }>("select metadata from public.match_patterns($1::extensions.vector, 'feature-hashing-v1', 3, 'crm')", [query]),
  );
  expect(rows[0]!.metadata.name).toBe("Service business CRM with scheduling");
});
