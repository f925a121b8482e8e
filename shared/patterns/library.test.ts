import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { cosineSimilarity, embedText } from "../embeddings/feature-hashing.ts";
import { patternLibrary, patternText } from "./library.ts";
import { renderSeedSql } from "./seed-sql.ts";

describe("pattern library", () => {
  it("has at least 30 patterns over the main project types", () => {
    expect(patternLibrary.length).toBeGreaterThanOrEqual(30);
    const types = new Set(patternLibrary.map((p) => p.project_type));
    for (const type of ["saas", "ecommerce", "social", "marketplace", "crm", "education"]) expect(types).toContain(type);
  });

  it("retrieves the service-business CRM for a dog walkers' CRM idea", () => {
    const query = embedText("A CRM for dog walkers: clients, their dogs, scheduled walks and invoices");
    const best = [...patternLibrary].sort(
      (a, b) => cosineSimilarity(query, embedText(patternText(b))) - cosineSimilarity(query, embedText(patternText(a))),
    )[0]!;
    expect(best.name).toBe("Service business CRM with scheduling");
  });

  it("is what supabase/seed.sql holds (run `npm run gen:seed` after changing the library)", async () => {
    const seed = await readFile(new URL("../../supabase/seed.sql", import.meta.url), "utf8");
    expect(seed).toBe(renderSeedSql());
  });
});
