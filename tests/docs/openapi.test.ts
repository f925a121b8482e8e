/** docs/openapi.json is the functions' API as their zod schemas define it, and names every route they serve. */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ENDPOINTS, openApiDocument } from "../../shared/protocol/openapi.ts";

const root = join(import.meta.dirname, "..", "..");
const read = (path: string) => readFileSync(join(root, path), "utf8");

describe("docs/openapi.json", () => {
  it("is up to date with the schemas (npm run gen:openapi writes it)", () => {
    expect(JSON.parse(read("docs/openapi.json"))).toEqual(JSON.parse(JSON.stringify(openApiDocument())));
  });

  it("has a route of every function in supabase/config.toml", () => {
    const functions = [...read("supabase/config.toml").matchAll(/^\[functions\.([\w-]+)\]/gm)].map((m) => m[1]!);
    const documented = new Set(ENDPOINTS.map((endpoint) => endpoint.path.split("/")[1]));
    expect(functions.filter((name) => !documented.has(name))).toEqual([]);
  });

  it("documents every route pattern the functions match", () => {
    const patterns = readdirSync(join(root, "functions"), { recursive: true })
      .filter((file) => String(file).endsWith(".ts"))
      .flatMap((file) => [...read(join("functions", String(file))).matchAll(/matchRoute\("([^"]+)"/g)].map((m) => m[1]!));
    const documented = new Set(ENDPOINTS.map((endpoint) => endpoint.path));
    expect(patterns.length).toBeGreaterThan(10);
    expect([...new Set(patterns)].filter((pattern) => !documented.has(pattern))).toEqual([]);
  });
});
