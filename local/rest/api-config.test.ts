/** @module Unit tests of the `[api]` reader of supabase/config.toml. */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { supabaseDir } from "../db/index.ts";
import { readApiToml, searchPathFor } from "./api-config.ts";

const dir = mkdtempSync(join(tmpdir(), "api-config-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function tomlFile(text: string): string {
  const path = join(dir, `${Math.random()}.toml`);
  writeFileSync(path, text);
  return path;
}

it("reads the repo's [api] as Supabase's defaults", () => {
  expect(readApiToml(join(supabaseDir, "config.toml"))).toEqual({
    schemas: ["public", "graphql_public"],
    extraSearchPath: ["public", "extensions"],
    maxRows: 1000,
    aggregatesEnabled: false,
    planEnabled: false,
  });
});

it("reads schemas, extra_search_path and max_rows of [api] only, with comments and single quotes", () => {
  const path = tomlFile(`
[db]
max_rows = 5
[api]
enabled = true # the API
schemas = ["public", 'other'] # exposed
extra_search_path = ["public", "extensions", "helpers"]
max_rows = 0
[api.tls]
schemas = ["ignored"]
`);
  expect(readApiToml(path)).toMatchObject({ schemas: ["public", "other"], extraSearchPath: ["public", "extensions", "helpers"], maxRows: undefined });
});

it("treats a missing file as the defaults and rejects values of the wrong kind", () => {
  expect(readApiToml(join(dir, "missing.toml")).maxRows).toBe(1000);
  expect(() => readApiToml(tomlFile(`[api]\nschemas = "public"\n`))).toThrow(/schemas must be an array of strings/);
  expect(() => readApiToml(tomlFile(`[api]\nmax_rows = -1\n`))).toThrow(/max_rows must be a whole number/);
});

it("puts the request's schema first on the search_path, then the extra schemas", () => {
  const config = readApiToml(join(dir, "missing.toml"));
  expect(searchPathFor("public", config)).toBe(`"public", "extensions"`);
  expect(searchPathFor("other", config)).toBe(`"other", "public", "extensions"`);
});
